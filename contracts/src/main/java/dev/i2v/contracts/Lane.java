package dev.i2v.contracts;

import java.util.Locale;

/** A dispatch lane: each has its own Kafka topic. */
public enum Lane {
    PRIORITY, STANDARD, RELAXED;

    /** The lane's name as clients write it, e.g. {@code standard}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a name that is no lane */
    public static Lane fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
