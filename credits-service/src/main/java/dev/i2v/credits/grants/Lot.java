package dev.i2v.credits.grants;

import java.time.Instant;

/** What is left of one grant. */
public record Lot(long id, String kind, long points, long remaining, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
