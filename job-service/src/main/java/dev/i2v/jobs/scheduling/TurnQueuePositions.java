package dev.i2v.jobs.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.jobs.jobs.Job;
import dev.i2v.jobs.jobs.QueuePositions;
import dev.i2v.jobs.providertasks.RouteBudgetProperties;

/**
 * A queued job's position as the scheduler will serve it, if nothing else arrives and no account's parallel limit
 * holds its jobs back: the admitted jobs no worker has claimed yet in its lane and the lanes that start first, every
 * job waiting in a lane that starts first, and the jobs its lane's turns admit before it ({@link AdmissionPlan}'s
 * own rule, so the position and the admission order cannot disagree). A job of a model with a route budget counts only
 * its own model's turns: jobs of other models do not wait for its routes, nor it for theirs.
 */
@Component
class TurnQueuePositions implements QueuePositions {

    /** Later than any admission: every admitted, unclaimed job of the lane is ahead of a job still waiting. */
    private static final Instant EVERY_ADMISSION = Instant.parse("9999-12-31T00:00:00Z");

    private final AdmissionRepository admissions;
    private final SchedulerProperties properties;
    private final RouteBudgetProperties routeBudgets;

    TurnQueuePositions(AdmissionRepository admissions, SchedulerProperties properties,
                       RouteBudgetProperties routeBudgets) {
        this.routeBudgets = routeBudgets;
        this.admissions = admissions;
        this.properties = properties;
    }

    @Override
    public int of(Job job) {
        List<Lane> before = Lane.inStartOrder().subList(0, Lane.inStartOrder().indexOf(job.lane()));
        Optional<Instant> admitted = admissions.admittedAt(job.id());
        if (admitted.isPresent()) {
            return admissions.unclaimedAhead(before, job.lane(), admitted.get(), job.id());
        }
        int ahead = admissions.unclaimedAhead(before, job.lane(), EVERY_ADMISSION, job.id())
                + admissions.waitingIn(before);
        // a model with a route budget waits for its own routes: only its own jobs' turns come before it
        boolean budgeted = routeBudgets.byModel().containsKey(job.model());
        List<AdmissionPlan.Waiting> lane = admissions.waiting(job.lane(), properties.scan()).stream()
                .filter(w -> !budgeted || job.model().equals(w.model()))
                .map(w -> new AdmissionPlan.Waiting(w.jobId(), w.accountId(), w.lane(), null, w.model(), w.weight()))
                .toList();
        Map<UUID, Integer> weights = AdmissionPlan.weights(lane);
        List<UUID> turns = weights.isEmpty() ? List.of() : AdmissionPlan.plan(lane, Map.of(),
                admissions.newestAdmissions(weights), Map.of(job.lane(), Integer.MAX_VALUE), Map.of());
        int rank = turns.indexOf(job.id());
        return ahead + (rank >= 0 ? rank : lane.size());
    }
}
