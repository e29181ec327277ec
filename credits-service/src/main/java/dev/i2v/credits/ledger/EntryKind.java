package dev.i2v.credits.ledger;

import java.util.Locale;

/** Why points moved, and between which ledger accounts. */
public enum EntryKind {
    /** issued by the system to the account's available balance */
    GRANT,
    /** available → held, for a job */
    HOLD,
    /** held → revenue: the job succeeded */
    CAPTURE,
    /** held → available: the job failed, was cancelled or its hold timed out */
    RELEASE,
    /** available → expired: a grant reached its expiry */
    EXPIRY,
    /** available → adjustments: an operator debited the account */
    ADJUSTMENT;

    String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
