/**
 * The transactional outbox: events are written in the same transaction as the change they announce
 * and relayed to Kafka afterwards, at least once. Consumers deduplicate.
 */
package dev.i2v.jobs.outbox;
