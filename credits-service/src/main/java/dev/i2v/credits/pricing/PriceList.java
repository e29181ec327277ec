package dev.i2v.credits.pricing;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.Resolution;
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
public class PriceList {

    private final CreditsProperties properties;
    private final JdbcClient jdbc;
    private final AccountRepository accounts;

    PriceList(CreditsProperties properties, JdbcClient jdbc, AccountRepository accounts) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** The price for this account, after checking its plan allows the request (422 {@code plan_limit}). */
    public CreditsApi.Quote quote(CreditsApi.QuoteRequest request) {
        if (request.durationSeconds() <= 0) {
            throw new CreditsException.InvalidQuote("duration must be positive");
        }
        Resolution resolution = Resolution.parse(request.resolution())
                .orElseThrow(() -> new CreditsException.InvalidQuote("resolution must look like 768P"));
        Lane lane = request.lane() == null ? Lane.DEFAULT : request.lane();
        if (request.accountId() != null) {
            Plan plan = accounts.find(request.accountId()).map(Account::plan)
                    .orElseThrow(() -> new CreditsException.AccountNotFound(request.accountId()));
            plan.checkAllows(request.durationSeconds(), resolution.lines(), lane);
        }
        Optional<Long> override = jdbc.sql("""
                        select points from price_overrides
                         where model = :model and duration_seconds = :duration and resolution = :resolution and lane = :lane
                        """)
                .param("model", request.model()).param("duration", request.durationSeconds())
                .param("resolution", resolution.wireName()).param("lane", lane.wireName()).query(Long.class).optional();
        if (override.isPresent()) {
            return new CreditsApi.Quote(override.get(), "points");
        }
        if (!lane.charged()) {
            return new CreditsApi.Quote(0, "points");
        }
        long cost = properties.pointsPerSecond() * request.durationSeconds();
        if (resolution.hd()) {
            cost *= properties.hdMultiplier();
        }
        return new CreditsApi.Quote(cost, "points");
    }
}
