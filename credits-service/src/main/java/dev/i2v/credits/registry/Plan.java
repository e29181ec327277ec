package dev.i2v.credits.registry;

import java.util.List;

import dev.i2v.contracts.Lane;
import dev.i2v.credits.problems.CreditsException;

/**
 * A plan's entitlements, as stored in the {@code plans} table, and the one place its rules about a request are
 * decided.
 *
 * @param queueTimeoutSeconds how long a job may wait for its turn before it fails with {@code queue_timeout}; null:
 *                            as long as it takes
 * @param turnWeight          how many of the account's waiting jobs may start in each of its lane's turns
 */
public record Plan(String code, int parallelJobs, int queuedJobs, Integer queueTimeoutSeconds, int turnWeight,
                   boolean watermark,
                   int maxResolutionP, int maxDurationSeconds, List<Lane> lanes, long signupGrant, long dailyGrant,
                   long monthlyGrant) {

    public Plan {
        lanes = List.copyOf(lanes);
    }

    /**
     * Refuses what the plan does not allow: what it does not allow has no price.
     *
     * @throws CreditsException.PlanLimit naming the rule
     */
    public void checkAllows(int durationSeconds, int resolutionP, Lane lane) {
        if (resolutionP > maxResolutionP) {
            throw new CreditsException.PlanLimit(code, "resolutions above " + maxResolutionP + "P are not allowed");
        }
        if (durationSeconds > maxDurationSeconds) {
            throw new CreditsException.PlanLimit(code, "clips longer than " + maxDurationSeconds + " s are not allowed");
        }
        if (!lanes.contains(lane)) {
            throw new CreditsException.PlanLimit(code, "the " + lane.wireName() + " lane is not allowed (allowed: "
                    + String.join(", ", lanes.stream().map(Lane::wireName).toList()) + ")");
        }
    }

    /**
     * Whether another job may be accepted beside {@code activeJobs} unfinished ones: it runs at once within
     * {@code parallelJobs}, or waits its turn in job-service within {@code queuedJobs} more.
     */
    public boolean hasSlotBeside(int activeJobs) {
        return activeJobs < parallelJobs + queuedJobs;
    }
}
