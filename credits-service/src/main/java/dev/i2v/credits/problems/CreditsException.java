package dev.i2v.credits.problems;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.i2v.kit.ProblemException;

/** Root of the errors credits-service reports to its callers. */
public abstract class CreditsException extends ProblemException {

    CreditsException(HttpStatus status, String code, String message, Map<String, Object> properties) {
        super(status, code, message, properties);
    }

    public static final class AccountNotFound extends CreditsException {
        public AccountNotFound(UUID accountId) {
            super(HttpStatus.NOT_FOUND, "account_not_found", "no account " + accountId, Map.of());
        }
    }

    public static final class UnknownPlan extends CreditsException {
        public UnknownPlan(String plan) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", "no plan named '" + plan + "'", Map.of());
        }
    }

    /** A retired plan: the accounts on it keep it, and nobody new moves onto it. */
    public static final class PlanRetired extends CreditsException {
        public PlanRetired(String plan) {
            super(HttpStatus.CONFLICT, "plan_retired", "the plan '" + plan + "' is retired: no account may move onto it",
                    Map.of("plan", plan));
        }
    }

    public static final class PlanNotFound extends CreditsException {
        public PlanNotFound(String plan) {
            super(HttpStatus.NOT_FOUND, "plan_not_found", "no plan named '" + plan + "'", Map.of());
        }
    }

    public static final class PlanExists extends CreditsException {
        public PlanExists(String plan) {
            super(HttpStatus.CONFLICT, "plan_exists", "a plan named '" + plan + "' exists already; edit it instead",
                    Map.of("plan", plan));
        }
    }

    public static final class InvalidPlan extends CreditsException {
        public InvalidPlan(String message) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", message, Map.of());
        }
    }

    public static final class InvalidPrice extends CreditsException {
        public InvalidPrice(String message) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", message, Map.of());
        }
    }

    public static final class PriceNotFound extends CreditsException {
        public PriceNotFound(String what) {
            super(HttpStatus.NOT_FOUND, "price_not_found", "no price row for " + what, Map.of());
        }
    }

    public static final class InsufficientCredits extends CreditsException {
        public InsufficientCredits(long balance, long cost) {
            super(HttpStatus.PAYMENT_REQUIRED, "insufficient_credits",
                    "this job costs " + cost + " points and the balance is " + balance,
                    Map.of("balance", balance, "cost", cost));
        }
    }

    public static final class ConcurrencyLimit extends CreditsException {
        /** @param queued how many more the plan lets wait beyond {@code limit} running at once */
        public ConcurrencyLimit(int active, int limit, int queued) {
            super(HttpStatus.TOO_MANY_REQUESTS, "concurrency_limit", queued == 0
                            ? "the plan allows " + limit + " jobs at once and " + active + " are active"
                            : "the plan allows " + limit + " jobs at once and " + queued + " more waiting, and "
                            + active + " are active or waiting",
                    Map.of("active", active, "limit", limit, "queued_limit", queued));
        }
    }

    public static final class HoldNotFound extends CreditsException {
        public HoldNotFound(UUID jobId) {
            super(HttpStatus.NOT_FOUND, "hold_not_found", "no hold for job " + jobId, Map.of());
        }
    }

    /** The same job id was held before with another account or amount. */
    public static final class HoldConflict extends CreditsException {
        public HoldConflict(UUID jobId) {
            super(HttpStatus.CONFLICT, "hold_conflict",
                    "job " + jobId + " already holds points with a different account or amount", Map.of());
        }
    }

    /** The hold already resolved the other way (captured vs. released). */
    public static final class HoldAlreadyResolved extends CreditsException {
        public HoldAlreadyResolved(UUID jobId, String status) {
            super(HttpStatus.CONFLICT, "hold_already_resolved", "the hold of job " + jobId + " is already " + status,
                    Map.of("status", status));
        }
    }

    public static final class InvalidCursor extends CreditsException {
        public InvalidCursor(String cursor) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", "cursor '" + cursor + "' is not valid", Map.of());
        }
    }

    public static final class InvalidQuote extends CreditsException {
        public InvalidQuote(String message) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", message, Map.of());
        }
    }

    public static final class InvalidGrant extends CreditsException {
        public InvalidGrant(String message) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", message, Map.of());
        }
    }

    /** An idempotency key sent again with a different request. */
    public static final class IdempotencyKeyReused extends CreditsException {
        public IdempotencyKeyReused(String key) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused",
                    "idempotency key '" + key + "' was used for a different request", Map.of());
        }
    }

    /** The request asks for more than the account's plan allows (resolution, duration or lane). */
    public static final class PlanLimit extends CreditsException {
        public PlanLimit(String plan, String message) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "plan_limit", message + " on the " + plan + " plan",
                    Map.of("plan", plan));
        }
    }
}
