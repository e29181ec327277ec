package dev.i2v.credits.plans;

import java.time.Instant;
import java.util.List;

import dev.i2v.contracts.Lane;
import dev.i2v.credits.registry.Plan;

/**
 * A plan as operators see it: its rules, whether it is retired, and how many accounts are on it.
 *
 * @param retiredAt null while new accounts may take it
 */
public record PlanView(String code, int parallelJobs, int queuedJobs, Integer queueTimeoutSeconds, int turnWeight,
                       boolean watermark, int maxResolutionP, int maxDurationSeconds, List<String> lanes,
                       long signupGrant, long dailyGrant, long monthlyGrant, Instant retiredAt, Instant updatedAt,
                       long accounts) {

    static PlanView of(Plan plan, Instant retiredAt, Instant updatedAt, long accounts) {
        return new PlanView(plan.code(), plan.parallelJobs(), plan.queuedJobs(), plan.queueTimeoutSeconds(),
                plan.turnWeight(), plan.watermark(), plan.maxResolutionP(), plan.maxDurationSeconds(),
                plan.lanes().stream().map(Lane::wireName).toList(), plan.signupGrant(), plan.dailyGrant(),
                plan.monthlyGrant(), retiredAt, updatedAt, accounts);
    }
}
