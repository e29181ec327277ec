/**
 * Events carried by Kafka, as past-tense records, and the topics they travel on ({@link
 * dev.i2v.contracts.events.Topics}). Every event has an {@code eventId} that consumers deduplicate
 * on; events about a job carry the attempt number that fences stale workers.
 */
package dev.i2v.contracts.events;
