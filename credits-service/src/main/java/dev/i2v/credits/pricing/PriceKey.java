package dev.i2v.credits.pricing;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.Resolution;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.credits.problems.CreditsException;

/** What a price row is for: one model, duration, resolution and lane, in their wire forms. */
record PriceKey(String model, int duration, String resolution, String lane) {

    /**
     * The key of a request, checked: a known model, a positive duration, a resolution like {@code 768P}, a lane.
     *
     * @throws CreditsException.InvalidPrice naming what is wrong
     */
    static PriceKey of(String model, int durationSeconds, String resolution, String lane) {
        if (model == null || ModelCatalogue.find(model).isEmpty()) {
            throw new CreditsException.InvalidPrice("model '" + model + "' is not in the catalogue");
        }
        if (durationSeconds <= 0 || durationSeconds > 600) {
            throw new CreditsException.InvalidPrice("duration must be between 1 and 600 seconds");
        }
        Resolution parsed = Resolution.parse(resolution)
                .orElseThrow(() -> new CreditsException.InvalidPrice("resolution must look like 768P"));
        Lane parsedLane;
        try {
            parsedLane = Lane.fromWireName(lane);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CreditsException.InvalidPrice("lane must be one of " + String.join(", ", Lane.wireNamesInStartOrder()));
        }
        return new PriceKey(model, durationSeconds, parsed.wireName(), parsedLane.wireName());
    }

    String describe() {
        return model + ", " + duration + " s, " + resolution + ", " + lane + " lane";
    }
}
