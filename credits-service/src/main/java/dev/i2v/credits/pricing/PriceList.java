package dev.i2v.credits.pricing;

import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsProperties;
import dev.i2v.credits.problems.CreditsException;

/**
 * The default price rule: points per second of output, doubled above 768p; the relaxed lane is free.
 * A per-model price table comes with issue 3.
 */
@Component
class PriceList {

    private final CreditsProperties properties;

    PriceList(CreditsProperties properties) {
        this.properties = properties;
    }

    CreditsApi.Quote quote(CreditsApi.QuoteRequest request) {
        if (request.durationSeconds() <= 0) {
            throw new CreditsException.InvalidQuote("duration must be positive");
        }
        if ("relaxed".equalsIgnoreCase(request.lane())) {
            return new CreditsApi.Quote(0, "points");
        }
        long cost = properties.pointsPerSecond() * request.durationSeconds();
        if (resolutionP(request.resolution()) > 768) {
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
