package dev.i2v.credits.pricing;

import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsProperties;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;
import dev.i2v.credits.registry.Plan;

/**
 * Prices: an override from the {@code price_overrides} table for the exact (model, duration,
 * resolution, lane) if there is one, else the configured rule: points per second of output, times the
 * HD multiplier above 768p; the relaxed lane is free.
 */
@Component
class PriceList {

    private final CreditsProperties properties;
    private final JdbcClient jdbc;
    private final AccountRepository accounts;

    PriceList(CreditsProperties properties, JdbcClient jdbc, AccountRepository accounts) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** The price for this account, after checking its plan allows the request (422 {@code plan_limit}). */
    CreditsApi.Quote quote(CreditsApi.QuoteRequest request) {
        if (request.durationSeconds() <= 0) {
            throw new CreditsException.InvalidQuote("duration must be positive");
        }
        int resolution = resolutionP(request.resolution());
        String lane = request.lane() == null ? "standard" : request.lane().toLowerCase(Locale.ROOT);
        if (request.accountId() != null) {
            Plan plan = accounts.find(request.accountId()).map(Account::plan)
                    .orElseThrow(() -> new CreditsException.AccountNotFound(request.accountId()));
            checkEntitlements(plan, request.durationSeconds(), resolution, lane);
        }
        java.util.Optional<Long> override = jdbc.sql("""
                        select points from price_overrides
                         where model = :model and duration_seconds = :duration and resolution = :resolution and lane = :lane
                        """)
                .param("model", request.model()).param("duration", request.durationSeconds())
                .param("resolution", resolution + "P").param("lane", lane).query(Long.class).optional();
        if (override.isPresent()) {
            return new CreditsApi.Quote(override.get(), "points");
        }
        if ("relaxed".equals(lane)) {
            return new CreditsApi.Quote(0, "points");
        }
        long cost = properties.pointsPerSecond() * request.durationSeconds();
        if (resolution > 768) {
            cost *= properties.hdMultiplier();
        }
        return new CreditsApi.Quote(cost, "points");
    }

    /** Entitlements are checked where the price is made: what a plan does not allow has no price. */
    private static void checkEntitlements(Plan plan, int duration, int resolution, String lane) {
        if (resolution > plan.maxResolutionP()) {
            throw new CreditsException.PlanLimit(plan.code(), "resolutions above " + plan.maxResolutionP() + "P are not allowed");
        }
        if (duration > plan.maxDurationSeconds()) {
            throw new CreditsException.PlanLimit(plan.code(), "clips longer than " + plan.maxDurationSeconds()
                    + " s are not allowed");
        }
        if (!plan.lanes().contains(lane)) {
            throw new CreditsException.PlanLimit(plan.code(), "the " + lane + " lane is not allowed (allowed: "
                    + String.join(", ", plan.lanes()) + ")");
        }
    }

    private static int resolutionP(String resolution) {
        String r = resolution == null ? "" : resolution.toUpperCase(Locale.ROOT);
        if (!r.matches("\\d{3,4}P")) {
            throw new CreditsException.InvalidQuote("resolution must look like 768P");
        }
        return Integer.parseInt(r.substring(0, r.length() - 1));
    }
}
