/**
 * Two-phase charging of jobs: a hold takes the price and one concurrency slot at submit; the job's
 * outcome captures it (success) or releases it (failure, cancellation); a sweeper expires holds left
 * open past their time-to-live. A hold resolves exactly once.
 */
package dev.i2v.credits.holds;
