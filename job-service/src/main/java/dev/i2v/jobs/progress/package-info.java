/**
 * Applies the workers' reports to jobs. Reports are fenced by attempt number (a stale worker's report
 * is ignored) and idempotent by state (a redelivered report changes nothing).
 */
package dev.i2v.jobs.progress;
