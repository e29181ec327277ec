package dev.i2v.contracts;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A dispatch lane: each has its own Kafka topic. The declaration order is the order lanes start in
 * ({@link #inStartOrder()}); SQL that needs it gets {@link #wireNamesInStartOrder()} as a parameter.
 */
public enum Lane {
    PRIORITY, STANDARD, RELAXED;

    /** The lane of a request that names none. */
    public static final Lane DEFAULT = STANDARD;

    private static final List<Lane> START_ORDER = List.of(values());

    /** The lane's name as clients write it, e.g. {@code standard}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a job on this lane is charged points (the relaxed lane is free, and slower). */
    public boolean charged() {
        return switch (this) {
            case PRIORITY, STANDARD -> true;
            case RELAXED -> false;
        };
    }

    /** The lanes from the first to start to the last. */
    public static List<Lane> inStartOrder() {
        return START_ORDER;
    }

    /** {@link #inStartOrder()} as wire names, for SQL's {@code array_position}. */
    public static String[] wireNamesInStartOrder() {
        return START_ORDER.stream().map(Lane::wireName).toArray(String[]::new);
    }

    /** @throws IllegalArgumentException for a name that is no lane */
    @JsonCreator
    public static Lane fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The named lane, or {@link #DEFAULT} when none is named. */
    public static Lane orDefault(String name) {
        return name == null ? DEFAULT : fromWireName(name);
    }
}
