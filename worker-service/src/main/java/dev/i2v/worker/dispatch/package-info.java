/**
 * Takes jobs from the dispatch topics through the workers' Kafka share group and runs them: one share consumer per
 * lane, whatever the worker's capacity; each job claimed in job-service and its record acknowledged at once; then
 * run on a virtual thread and kept by a lease that one heartbeat renews for all of the worker's jobs.
 */
package dev.i2v.worker.dispatch;
