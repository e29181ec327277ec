package dev.i2v.credits.holds;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.i2v.credits.problems.CreditsException;

/**
 * Releases a hold past its time-to-live only when no job was ever created for it (job-service says so): a
 * crash between the hold and the job's creation must not lock points for ever. A hold whose job exists is
 * bound to it instead (no expiry any more): the job's end settles it, however long the job waits. When
 * job-service cannot be asked, the hold is kept and asked about again on the next pass.
 */
@Component
class HoldExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldExpirySweeper.class);

    private final HoldRepository holds;
    private final HoldService service;
    private final JobDirectory jobs;
    private final Clock clock;

    HoldExpirySweeper(HoldRepository holds, HoldService service, JobDirectory jobs, Clock clock) {
        this.holds = holds;
        this.service = service;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${i2v.credits.sweep-interval:60s}")
    void sweep() {
        for (UUID jobId : holds.expiredBefore(clock.instant(), 500)) {
            switch (jobs.presence(jobId)) {
                case EXISTS -> holds.bindToJob(jobId);
                case MISSING -> expire(jobId);
                case UNKNOWN -> {
                    return; // job-service is unreachable: ask again on the next pass
                }
            }
        }
    }

    private void expire(UUID jobId) {
        try {
            service.expire(jobId);
            log.info("hold of job {} expired: no job was created for it; points returned", jobId);
        } catch (CreditsException.HoldAlreadyResolved e) {
            // resolved between the query and the lock: nothing to do
        }
    }
}
