package dev.i2v.credits.holds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.credits.problems.CreditsException;

/**
 * Settles holds from job outcomes. Idempotent by the hold's state: a redelivered event finds the
 * hold already resolved and changes nothing.
 */
@Component
class JobSettlementListener {

    private static final Logger log = LoggerFactory.getLogger(JobSettlementListener.class);

    private final HoldService holds;

    JobSettlementListener(HoldService holds) {
        this.holds = holds;
    }

    @KafkaListener(topics = Topics.JOB_EVENTS)
    void on(JobEvent event) {
        try {
            if (event instanceof JobEvent.JobSucceeded) {
                holds.capture(event.jobId());
            } else if (event.terminal()) {
                holds.release(event.jobId());
            }
        } catch (CreditsException.HoldAlreadyResolved | CreditsException.HoldNotFound e) {
            // a redelivered outcome finds its hold settled; nothing to redo
            log.warn("job event {} for job {} not applied: {}", event.getClass().getSimpleName(), event.jobId(),
                    e.getMessage());
        }
    }
}
