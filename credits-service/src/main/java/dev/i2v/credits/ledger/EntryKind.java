package dev.i2v.credits.ledger;

import java.util.Locale;

/** Why points moved. */
public enum EntryKind {
    GRANT, HOLD, CAPTURE, RELEASE, EXPIRY, ADJUSTMENT;

    String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
