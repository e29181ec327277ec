package dev.i2v.credits.ledger;

import java.util.UUID;

/** The names of ledger accounts: two per user account, and the system's counterparts. */
public final class LedgerAccounts {

    public static final String ISSUED = "system:issued";
    public static final String REVENUE = "system:revenue";
    public static final String EXPIRED = "system:expired";
    public static final String ADJUSTMENTS = "system:adjustments";

    private LedgerAccounts() {
    }

    public static String available(UUID account) {
        return "available:" + account;
    }

    public static String held(UUID account) {
        return "held:" + account;
    }
}
