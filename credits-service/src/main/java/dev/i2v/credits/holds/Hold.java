package dev.i2v.credits.holds;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import dev.i2v.contracts.api.CreditsApi;

/**
 * Points held for one job; {@code expiresAt} is null once the job is known to exist (it settles the hold).
 * {@code takesSlot}: whether it holds one of the plan's parallel slots (a relaxed-lane job's does not).
 */
record Hold(UUID jobId, UUID accountId, long amount, HoldStatus status, Instant createdAt, Instant expiresAt,
            Instant resolvedAt, boolean takesSlot) {

    boolean sameRequest(UUID otherAccount, long otherAmount) {
        return accountId.equals(otherAccount) && amount == otherAmount;
    }

    CreditsApi.HoldView view() {
        return new CreditsApi.HoldView(jobId, accountId, amount, status.name().toLowerCase(Locale.ROOT),
                createdAt, resolvedAt, null, null, null, null);
    }
}
