package dev.i2v.credits.pricing;

import java.util.Optional;

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
 * Prices: the price table's row for the exact (model, duration, resolution, lane) if there is one, else the relaxed
 * lane is free, else the configured rule: points per second of output, times the HD multiplier above 768p. Every
 * quote names the rule that priced it. A hold keeps the price it was placed at, whatever the table says later.
 */
@Component
public class PriceList {

    private final CreditsProperties properties;
    private final PriceTable table;
    private final AccountRepository accounts;

    PriceList(CreditsProperties properties, PriceTable table, AccountRepository accounts) {
        this.properties = properties;
        this.table = table;
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
        PriceKey key = new PriceKey(request.model(), request.durationSeconds(), resolution.wireName(), lane.wireName());
        Optional<CreditsApi.PriceRow> row = table.find(key);
        if (row.isPresent()) {
            return new CreditsApi.Quote(row.get().points(), "points", CreditsApi.Quote.PRICE_TABLE,
                    "price table: " + key.describe());
        }
        if (!lane.charged()) {
            return new CreditsApi.Quote(0, "points", CreditsApi.Quote.FREE_LANE, "the " + lane.wireName() + " lane is free");
        }
        long cost = properties.pointsPerSecond() * request.durationSeconds();
        if (resolution.hd()) {
            cost *= properties.hdMultiplier();
        }
        return new CreditsApi.Quote(cost, "points", CreditsApi.Quote.PER_SECOND, properties.pointsPerSecond()
                + " points per second, x" + properties.hdMultiplier() + " above 768P");
    }
}
