/** Tells job-service what happens to each attempt, on the work-events topic. */
package dev.i2v.worker.reporting;
