package dev.i2v.jobs.jobs;

/**
 * A job's status changed (or it was delivered again): published inside the transaction that saved it,
 * for listeners that act once it is committed (metrics).
 *
 * @param job    the job as saved
 * @param from   its previous status; null when it was just submitted
 * @param reason why, as recorded in the job's transitions
 */
public record JobTransitioned(Job job, JobStatus from, String reason) {
}
