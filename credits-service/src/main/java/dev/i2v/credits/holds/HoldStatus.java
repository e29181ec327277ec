package dev.i2v.credits.holds;

import java.util.Locale;
import java.util.Set;

/** A hold's states: {@code HELD} resolves once, to one of the others, and never changes again. */
public enum HoldStatus {
    HELD, CAPTURED, RELEASED, EXPIRED;

    public boolean canBecome(HoldStatus next) {
        return this == HELD && Set.of(CAPTURED, RELEASED, EXPIRED).contains(next);
    }

    public boolean resolved() {
        return this != HELD;
    }

    String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HoldStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
