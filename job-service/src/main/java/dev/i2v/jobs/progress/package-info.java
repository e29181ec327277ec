/**
 * Feeds the workers' reports from Kafka to {@link dev.i2v.jobs.jobs.ApplyWorkReportService}, which fences them
 * by attempt and delivery (a stale worker's report is ignored); a redelivered report changes nothing.
 */
package dev.i2v.jobs.progress;
