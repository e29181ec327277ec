/**
 * Job metrics for operators and autoscaling: the queue depth per lane that KEDA scales workers on
 * (KEDA's Kafka scaler cannot read share groups, so the job table is the measure).
 */
package dev.i2v.jobs.metrics;
