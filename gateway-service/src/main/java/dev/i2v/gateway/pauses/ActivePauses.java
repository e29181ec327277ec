package dev.i2v.gateway.pauses;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.problems.GatewayException;

/**
 * The pauses in force, read from job-service at most every {@link #FRESHNESS}: every gateway replica refuses within
 * that long after an operator pauses (the replica that took the operator's call, at once). When job-service cannot be
 * asked, the last pauses read stay in force.
 */
@Component
public class ActivePauses {

    static final Duration FRESHNESS = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(ActivePauses.class);

    private final JobsClient jobs;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.EPOCH);

    ActivePauses(JobsClient jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    /** @throws GatewayException 503 {@code model_paused} or {@code lane_paused} when a pause refuses the submit */
    public void checkAccepting(String model, Lane lane) {
        for (JobsApi.Pause pause : current()) {
            if (pause.refuses(model, lane)) {
                throw GatewayException.paused(pause.kind(), pause.name(), pause.reason());
            }
        }
    }

    /** The next check reads the pauses again (after this replica changed them). */
    public void invalidate() {
        snapshot = new Snapshot(snapshot.pauses(), Instant.EPOCH);
    }

    private List<JobsApi.Pause> current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen.readAt().plus(FRESHNESS).isAfter(now)) {
            return seen.pauses();
        }
        try {
            List<JobsApi.Pause> pauses = jobs.pauses().data();
            snapshot = new Snapshot(pauses, now);
            return pauses;
        } catch (GatewayException e) {
            // asked again after FRESHNESS, not on every submit while job-service is down
            log.warn("the pauses could not be read; the last ones read stay in force: {}", e.getMessage());
            snapshot = new Snapshot(seen.pauses(), now);
            return seen.pauses();
        }
    }

    private record Snapshot(List<JobsApi.Pause> pauses, Instant readAt) {
    }
}
