package dev.i2v.credits.pricing;

import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsProperties;
import dev.i2v.credits.problems.CreditsException;

/**
 * Prices: an override from the {@code price_overrides} table for the exact (model, duration,
 * resolution, lane) if there is one, else the configured rule: points per second of output, times the
 * HD multiplier above 768p; the relaxed lane is free.
 */
@Component
class PriceList {

    private final CreditsProperties properties;
    private final JdbcClient jdbc;

    PriceList(CreditsProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    CreditsApi.Quote quote(CreditsApi.QuoteRequest request) {
        if (request.durationSeconds() <= 0) {
            throw new CreditsException.InvalidQuote("duration must be positive");
        }
        int resolution = resolutionP(request.resolution());
        String lane = request.lane() == null ? "standard" : request.lane().toLowerCase(Locale.ROOT);
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

    private static int resolutionP(String resolution) {
        String r = resolution == null ? "" : resolution.toUpperCase(Locale.ROOT);
        if (!r.matches("\\d{3,4}P")) {
            throw new CreditsException.InvalidQuote("resolution must look like 768P");
        }
        return Integer.parseInt(r.substring(0, r.length() - 1));
    }
}
