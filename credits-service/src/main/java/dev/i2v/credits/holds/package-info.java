/**
 * Two-phase charging of jobs: a hold takes the price and one concurrency slot at submit; the job's
 * outcome captures it (success) or releases it (failure, cancellation). A hold lives as long as its job; only a
 * hold whose job was never created (job-service says so) is expired by the sweeper past its time-to-live. A hold
 * resolves exactly once.
 */
package dev.i2v.credits.holds;
