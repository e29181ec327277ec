/**
 * job-service: the job record and its state machine, dispatch to the workers through a
 * transactional outbox, and the application of the workers' reports. Owns the {@code jobs} schema.
 */
package dev.i2v.jobs;
