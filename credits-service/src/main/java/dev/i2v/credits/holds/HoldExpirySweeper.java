package dev.i2v.credits.holds;

import java.time.Clock;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.i2v.credits.problems.CreditsException;

/** Releases holds left unresolved past their time-to-live, so no points stay locked for ever. */
@Component
class HoldExpirySweeper {

    private static final Logger log = LoggerFactory.getLogger(HoldExpirySweeper.class);

    private final HoldRepository holds;
    private final HoldService service;
    private final Clock clock;

    HoldExpirySweeper(HoldRepository holds, HoldService service, Clock clock) {
        this.holds = holds;
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${i2v.credits.sweep-interval:60s}")
    void sweep() {
        for (UUID jobId : holds.expiredBefore(clock.instant(), 500)) {
            try {
                service.expire(jobId);
                log.info("hold of job {} expired unresolved; points returned", jobId);
            } catch (CreditsException.HoldAlreadyResolved e) {
                // resolved between the query and the lock: nothing to do
            }
        }
    }
}
