package dev.i2v.credits.plans;

import java.util.List;
import java.util.regex.Pattern;

import dev.i2v.contracts.Lane;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Plan;

/**
 * What an operator sends to create or edit a plan: every rule of it, named as on the wire.
 *
 * @param code                 the plan's name, lower case, e.g. {@code sora-plus}; on an edit the path names it
 * @param parallelJobs         jobs that may run at once
 * @param queuedJobs           jobs that may wait their turn beyond those
 * @param queueTimeoutSeconds  how long a job may wait before it fails with {@code queue_timeout}; null: no limit
 * @param turnWeight           the plan's priority weight: how many of an account's waiting jobs start per turn
 * @param maxResolutionP       the highest resolution allowed, in lines (768 for 768P)
 * @param maxDurationSeconds   the longest clip allowed
 * @param lanes                the lanes allowed, by wire name
 */
public record PlanTerms(String code, Integer parallelJobs, Integer queuedJobs, Integer queueTimeoutSeconds,
                        Integer turnWeight, Boolean watermark, Integer maxResolutionP, Integer maxDurationSeconds,
                        List<String> lanes, Long signupGrant, Long dailyGrant, Long monthlyGrant) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    /**
     * The plan these terms describe, after checking each rule is present and in range.
     *
     * @throws CreditsException.InvalidPlan naming the first field that is not
     */
    Plan toPlan(String planCode) {
        if (planCode == null || !CODE.matcher(planCode).matches()) {
            throw new CreditsException.InvalidPlan("code must be 1-40 lower-case letters, digits, '-' or '_'");
        }
        if (code != null && !code.equals(planCode)) {
            throw new CreditsException.InvalidPlan("the body names plan '" + code + "' and the path '" + planCode + "'");
        }
        return new Plan(planCode, between("parallel_jobs", parallelJobs, 1, 1_000),
                between("queued_jobs", queuedJobs == null ? 0 : queuedJobs, 0, 100_000),
                queueTimeoutSeconds == null ? null : between("queue_timeout_seconds", queueTimeoutSeconds, 1, 7 * 86_400),
                between("turn_weight", turnWeight == null ? 1 : turnWeight, 1, 100), required("watermark", watermark),
                between("max_resolution_p", maxResolutionP, 144, 4_320),
                between("max_duration_seconds", maxDurationSeconds, 1, 600), checkedLanes(),
                points("signup_grant", signupGrant), points("daily_grant", dailyGrant),
                points("monthly_grant", monthlyGrant));
    }

    private List<Lane> checkedLanes() {
        if (lanes == null || lanes.isEmpty()) {
            throw new CreditsException.InvalidPlan("lanes must name at least one of "
                    + String.join(", ", Lane.wireNamesInStartOrder()));
        }
        try {
            return lanes.stream().distinct().map(Lane::fromWireName).toList();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CreditsException.InvalidPlan("lanes must be among " + String.join(", ", Lane.wireNamesInStartOrder()));
        }
    }

    private static int between(String field, Integer value, int min, int max) {
        if (required(field, value) < min || value > max) {
            throw new CreditsException.InvalidPlan(field + " must be between " + min + " and " + max);
        }
        return value;
    }

    private static long points(String field, Long value) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > 100_000_000) {
            throw new CreditsException.InvalidPlan(field + " must be between 0 and 100000000 points");
        }
        return value;
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new CreditsException.InvalidPlan(field + " is required");
        }
        return value;
    }
}
