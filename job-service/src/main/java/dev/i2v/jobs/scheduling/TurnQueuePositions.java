package dev.i2v.jobs.scheduling;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.jobs.jobs.Job;
import dev.i2v.jobs.jobs.QueuePositions;

/**
 * A queued job's position as the scheduler will serve it, if nothing else arrives and no account's parallel limit
 * holds its jobs back: the admitted jobs no worker has claimed yet in its lane and the lanes that start first, every
 * job waiting in a lane that starts first, and the jobs its lane's turns admit before it ({@link AdmissionPlan}'s
 * own rule, so the position and the admission order cannot disagree).
 */
@Component
class TurnQueuePositions implements QueuePositions {

    /** Later than any admission: every admitted, unclaimed job of the lane is ahead of a job still waiting. */
    private static final Instant EVERY_ADMISSION = Instant.parse("9999-12-31T00:00:00Z");

    private final AdmissionRepository admissions;
    private final SchedulerProperties properties;

    TurnQueuePositions(AdmissionRepository admissions, SchedulerProperties properties) {
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
        List<AdmissionPlan.Waiting> lane = admissions.waiting(job.lane(), properties.scan()).stream()
                .map(w -> new AdmissionPlan.Waiting(w.jobId(), w.accountId(), w.lane(), null)).toList();
        Set<UUID> accounts = new HashSet<>();
        lane.forEach(w -> accounts.add(w.accountId()));
        List<UUID> turns = accounts.isEmpty() ? List.of() : AdmissionPlan.plan(lane, Map.of(),
                admissions.lastAdmitted(accounts), Map.of(job.lane(), Integer.MAX_VALUE));
        int rank = turns.indexOf(job.id());
        return ahead + (rank >= 0 ? rank : lane.size());
    }
}
