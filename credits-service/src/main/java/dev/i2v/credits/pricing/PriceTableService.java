package dev.i2v.credits.pricing;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.problems.CreditsException;

/** Operators' edits of the price table; they apply to the next quote and hold, never to a hold already placed. */
@Service
public class PriceTableService {

    private final PriceTable table;
    private final Clock clock;

    PriceTableService(PriceTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CreditsApi.PriceRow> all() {
        return table.all();
    }

    @Transactional(readOnly = true)
    public CreditsApi.PriceRow find(String model, int duration, String resolution, String lane) {
        PriceKey key = PriceKey.of(model, duration, resolution, lane);
        return table.find(key).orElseThrow(() -> new CreditsException.PriceNotFound(key.describe()));
    }

    @Transactional
    public CreditsApi.PriceRow put(String model, int duration, String resolution, String lane, Long points) {
        if (points == null || points < 0 || points > 1_000_000) {
            throw new CreditsException.InvalidPrice("points must be between 0 and 1000000");
        }
        PriceKey key = PriceKey.of(model, duration, resolution, lane);
        table.put(key, points, clock.instant());
        return table.find(key).orElseThrow();
    }

    /** The default rule prices this key again. */
    @Transactional
    public void remove(String model, int duration, String resolution, String lane) {
        PriceKey key = PriceKey.of(model, duration, resolution, lane);
        if (!table.delete(key)) {
            throw new CreditsException.PriceNotFound(key.describe());
        }
    }
}
