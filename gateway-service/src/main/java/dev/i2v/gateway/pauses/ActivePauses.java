package dev.i2v.gateway.pauses;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.kit.FreshSnapshot;

/**
 * The pauses in force, read from job-service at most every {@link #FRESHNESS}: every gateway replica refuses within
 * that long after an operator pauses (the replica that took the operator's call, at once). When job-service cannot be
 * asked, the last pauses read stay in force.
 */
@Component
public class ActivePauses {

    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private final FreshSnapshot<List<JobsApi.Pause>> pauses;

    ActivePauses(JobsClient jobs, Clock clock) {
        this.pauses = new FreshSnapshot<>("the pauses", List.of(), FRESHNESS, clock,
                () -> Optional.of(jobs.pauses().data()));
    }

    /** @throws GatewayException 503 {@code model_paused} or {@code lane_paused} when a pause refuses the submit */
    public void checkAccepting(String model, Lane lane) {
        for (JobsApi.Pause pause : pauses.get()) {
            if (pause.refuses(model, lane)) {
                throw GatewayException.paused(pause.kind(), pause.name(), pause.reason());
            }
        }
    }

    /** The next check reads the pauses again (after this replica changed them). */
    public void invalidate() {
        pauses.invalidate();
    }
}
