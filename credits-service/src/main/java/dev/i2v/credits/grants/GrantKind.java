package dev.i2v.credits.grants;

import java.util.Locale;

/** Where a lot of points came from. */
public enum GrantKind {
    SIGNUP, DAILY, MONTHLY, ADMIN;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
