package dev.i2v.jobs.jobs;

/** How many jobs will start before a queued one under the scheduler's rules (implemented by the scheduler). */
public interface QueuePositions {

    /** @return 0 when {@code job} is next; the job is queued and not waiting for a retry */
    int of(Job job);
}
