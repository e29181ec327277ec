/**
 * Takes jobs from the dispatch topics through the workers' Kafka share group and runs them: one share
 * consumer per slot, one record acquired at a time, acknowledged only once the outcome is reported.
 */
package dev.i2v.worker.dispatch;
