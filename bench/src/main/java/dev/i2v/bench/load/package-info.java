/**
 * The open-loop load generator: requests start at their scheduled times whatever the system's answers do, and
 * each latency is measured from the scheduled start, so a stall shows in every request it delays (no
 * coordinated omission).
 */
package dev.i2v.bench.load;
