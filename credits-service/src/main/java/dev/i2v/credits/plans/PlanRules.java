package dev.i2v.credits.plans;

import java.util.List;
import java.util.regex.Pattern;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Plan;

/** The checks of an operator's plan terms: every rule present and in range. */
final class PlanRules {

    private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private PlanRules() {
    }

    /**
     * The plan these terms describe, after checking each rule is present and in range.
     *
     * @throws CreditsException.InvalidPlan naming the first field that is not
     */
    static Plan toPlan(String planCode, CreditsApi.PlanTerms terms) {
        if (planCode == null || !CODE.matcher(planCode).matches()) {
            throw new CreditsException.InvalidPlan("code must be 1-40 lower-case letters, digits, '-' or '_'");
        }
        if (terms.code() != null && !terms.code().equals(planCode)) {
            throw new CreditsException.InvalidPlan("the body names plan '" + terms.code() + "' and the path '" + planCode + "'");
        }
        return new Plan(planCode, between("parallel_jobs", terms.parallelJobs(), 1, 1_000),
                between("queued_jobs", terms.queuedJobs() == null ? 0 : terms.queuedJobs(), 0, 100_000),
                terms.queueTimeoutSeconds() == null ? null
                        : between("queue_timeout_seconds", terms.queueTimeoutSeconds(), 1, 7 * 86_400),
                between("turn_weight", terms.turnWeight() == null ? 1 : terms.turnWeight(), 1, 100),
                required("watermark", terms.watermark()),
                between("max_resolution_p", terms.maxResolutionP(), 144, 4_320),
                between("max_duration_seconds", terms.maxDurationSeconds(), 1, 600), lanes(terms.lanes()),
                points("signup_grant", terms.signupGrant()), points("daily_grant", terms.dailyGrant()),
                points("monthly_grant", terms.monthlyGrant()));
    }

    private static List<Lane> lanes(List<String> lanes) {
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
