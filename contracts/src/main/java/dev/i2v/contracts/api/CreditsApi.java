package dev.i2v.contracts.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import dev.i2v.contracts.Lane;

/** Records of credits-service's internal API. */
public final class CreditsApi {

    private CreditsApi() {
    }

    /**
     * {@code POST /internal/accounts}: opens an account and gives its signup grant; idempotent by id.
     *
     * @param timeZone IANA zone its days and months are counted in; UTC when null
     */
    public record OpenAccount(UUID accountId, String plan, String timeZone) {
    }

    /** {@code PUT /internal/accounts/{id}/plan}. */
    public record ChangePlan(String plan) {
    }

    /**
     * {@code POST /internal/accounts/{id}/grants}: an operator's grant ({@code points > 0}) or debit
     * ({@code points < 0}, never below zero), idempotent by key.
     */
    public record AdminGrantRequest(long points, String reason, Instant expiresAt, String idempotencyKey) {
    }

    /**
     * {@code POST /internal/accounts/{id}/daily-grant}: the result of the account's daily grant.
     *
     * @param nextDailyGrantAt when the next can be had; null if the plan has none
     */
    public record DailyGrant(boolean granted, long points, Instant nextDailyGrantAt) {
    }

    /** {@code POST /internal/quotes}: the price of a job; a null lane is {@link Lane#DEFAULT}. */
    public record QuoteRequest(UUID accountId, String model, int durationSeconds, String resolution, Lane lane) {
    }

    /**
     * A price and the rule that set it.
     *
     * @param rule       {@code price_table} (an operator's row for this model, duration, resolution and lane),
     *                   {@code free_lane} (the relaxed lane) or {@code per_second} (the default rule)
     * @param ruleDetail the rule in words, e.g. {@code 5 points per second, x2 above 768P}
     */
    public record Quote(long cost, String currency, String rule, String ruleDetail) {

        public static final String PRICE_TABLE = "price_table";
        public static final String FREE_LANE = "free_lane";
        public static final String PER_SECOND = "per_second";
    }

    /**
     * {@code POST /internal/holds}: price the job as {@code /internal/quotes} does (refusing what the plan does not
     * allow), then hold that price and take one concurrency slot, in one transaction; idempotent by job id. The
     * answer's {@code amount} is the job's cost.
     *
     * @param lane null: {@link Lane#DEFAULT}
     */
    public record PlaceHold(UUID jobId, UUID accountId, String model, int durationSeconds, String resolution,
                            Lane lane) {

        /** The price this hold asks for. */
        public QuoteRequest quote() {
            return new QuoteRequest(accountId, model, durationSeconds, resolution, lane);
        }
    }

    /**
     * @param parallelJobs        how many of the account's jobs its plan lets run at once (job-service admits the
     *                            job only while fewer run); null where the answer does not concern a submit
     * @param queueTimeoutSeconds how long the plan lets a job wait for its turn before it fails with
     *                            {@code queue_timeout} (its points released); null: no limit
     * @param turnWeight          how many of the account's jobs may start in each turn of its lane (the plan's
     *                            share of a busy lane); null where the answer does not concern a submit
     * @param watermark           whether the plan's downloads carry the watermark (the job's worker then makes that
     *                            rendition); null where the answer does not concern a submit
     */
    public record HoldView(UUID jobId, UUID accountId, long amount, String status, Instant createdAt,
                           Instant resolvedAt, Integer parallelJobs, Integer queueTimeoutSeconds, Integer turnWeight,
                           Boolean watermark) {

        /** The same hold, with what its plan says about running, waiting and the result. */
        public HoldView withPlan(int parallel, Integer queueTimeout, int weight, boolean watermarked) {
            return new HoldView(jobId, accountId, amount, status, createdAt, resolvedAt, parallel, queueTimeout,
                    weight, watermarked);
        }
    }

    /**
     * {@code GET /internal/accounts/{id}/entitlements}: what the account's plan allows, read without a lock or a
     * write (the read side of every job answer and download).
     *
     * @param watermark whether the plan's downloads carry the watermark
     */
    public record Entitlements(UUID accountId, String plan, boolean watermark) {
    }

    /**
     * {@code GET /internal/accounts/{id}/credits}.
     *
     * @param watermark whether the plan's downloads carry the watermark
     */
    public record CreditsView(UUID accountId, long balance, String plan, Concurrency concurrency,
                              Instant nextDailyGrantAt, List<GrantView> grants, boolean watermark) {
    }

    public record Concurrency(int active, int limit) {
    }

    public record GrantView(String kind, long remaining, Instant expiresAt) {
    }

    /** {@code GET /internal/accounts/{id}/history}: newest first. */
    public record HistoryPage(List<LedgerLine> data, String nextCursor) {
    }

    public record LedgerLine(long id, String kind, long points, UUID jobId, long balanceAfter, Instant createdAt) {
    }

    /**
     * {@code GET /internal/accounts/{id}/usage?days=}: the account's jobs per day (in its time zone), newest first, and
     * the holds still open (jobs in flight).
     */
    public record Usage(List<UsageDay> days, List<OpenHold> openHolds) {
    }

    /**
     * @param jobs        jobs that held points that day (relaxed ones included, at 0 points)
     * @param succeeded   of those, the ones whose points were captured
     * @param pointsSpent the points captured
     */
    public record UsageDay(LocalDate day, long jobs, long succeeded, long pointsSpent) {
    }

    public record OpenHold(UUID jobId, long amount, Instant createdAt, Instant expiresAt) {
    }

    /** {@code GET /internal/ledger?job_id=}: one job's points movements, oldest first. */
    public record LedgerLines(List<LedgerLine> data) {
    }

    /**
     * {@code POST /internal/plans} and {@code PUT /internal/plans/{code}}: every rule of a plan, as an operator sets
     * it. Omitted numbers take their defaults (0 queued, no queue timeout, weight 1, no grants); the rest are required.
     *
     * @param code                the plan's name, lower case, e.g. {@code sora-plus}; on an edit the path names it
     * @param parallelJobs        jobs that may run at once
     * @param queuedJobs          jobs that may wait their turn beyond those
     * @param queueTimeoutSeconds how long a job may wait before it fails with {@code queue_timeout}; null: no limit
     * @param turnWeight          the plan's priority weight: how many of an account's waiting jobs start per turn
     * @param maxResolutionP      the highest resolution allowed, in lines (768 for 768P)
     * @param maxDurationSeconds  the longest clip allowed
     * @param lanes               the lanes allowed, by wire name
     */
    public record PlanTerms(String code, Integer parallelJobs, Integer queuedJobs, Integer queueTimeoutSeconds,
                            Integer turnWeight, Boolean watermark, Integer maxResolutionP, Integer maxDurationSeconds,
                            List<String> lanes, Long signupGrant, Long dailyGrant, Long monthlyGrant) {
    }

    /**
     * A plan as operators see it: its rules, whether it is retired and how many accounts are on it.
     *
     * @param retiredAt null while accounts may take it; a retired plan keeps its accounts until they move
     */
    public record PlanView(String code, int parallelJobs, int queuedJobs, Integer queueTimeoutSeconds, int turnWeight,
                           boolean watermark, int maxResolutionP, int maxDurationSeconds, List<String> lanes,
                           long signupGrant, long dailyGrant, long monthlyGrant, Instant retiredAt, Instant updatedAt,
                           long accounts) {
    }

    public record PlanList(List<PlanView> data) {
    }

    /**
     * One row of the price table ({@code /internal/prices/{model}/{duration}/{resolution}/{lane}}): what a job of
     * exactly this model, duration, resolution and lane costs, in place of the default rule.
     */
    public record PriceRow(String model, int durationSeconds, String resolution, String lane, long points,
                           Instant updatedAt) {
    }

    public record PriceList(List<PriceRow> data) {
    }

    /** {@code PUT /internal/prices/...}: the row's points. */
    public record PriceRequest(Long points) {
    }
}
