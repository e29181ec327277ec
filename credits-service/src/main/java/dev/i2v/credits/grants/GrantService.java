package dev.i2v.credits.grants;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;

/** Gives grants: the daily login grant, operators' grants and debits, and expiry of lots. */
@Service
public class GrantService {

    private final AccountRepository accounts;
    private final Grants grants;
    private final LotRepository lots;
    private final Clock clock;

    GrantService(AccountRepository accounts, Grants grants, LotRepository lots, Clock clock) {
        this.accounts = accounts;
        this.grants = grants;
        this.lots = lots;
        this.clock = clock;
    }

    /**
     * The daily grant, on the account's first authenticated request of a day: once per account and
     * day whatever the concurrency (the grant key is unique), not on the signup day (the signup grant
     * is that day's), valid until the day ends in the account's time zone.
     */
    @Transactional
    public CreditsApi.DailyGrant daily(UUID accountId) {
        Instant now = clock.instant();
        Account account = lockSettled(accountId, now);
        LocalDate today = account.dayAt(now);
        long points = account.plan().dailyGrant();
        boolean granted = points > 0 && !today.equals(account.dayAt(account.createdAt()))
                && grants.give(account, GrantKind.DAILY, Grants.dailyKey(today), points,
                account.startOf(today.plusDays(1)), "daily grant " + today).isPresent();
        return new CreditsApi.DailyGrant(granted, granted ? points : 0, nextDailyGrantAt(account, now));
    }

    /**
     * An operator's grant ({@code points > 0}, optionally expiring) or debit ({@code points < 0}, never
     * below zero), idempotent by key.
     */
    @Transactional
    public AdminGrant adminGrant(UUID accountId, long points, String reason, Instant expiresAt, String idempotencyKey) {
        if (points == 0 || idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new CreditsException.InvalidGrant("points must not be 0 and an idempotency_key is required");
        }
        Account account = accounts.lock(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        Instant now = clock.instant();
        return points > 0 ? credit(account, points, reason, expiresAt, idempotencyKey, now)
                : debit(account, points, reason, idempotencyKey, now);
    }

    private AdminGrant credit(Account account, long points, String reason, Instant expiresAt, String key, Instant now) {
        Optional<Lot> earlier = lots.findByKey(account.id(), "admin:" + key);
        if (earlier.isPresent()) {
            // a replay answers as the first call did; the same key for another grant is a client error
            if (earlier.get().points() != points) {
                throw new CreditsException.IdempotencyKeyReused(key);
            }
            grants.settle(account, now);
            return new AdminGrant(points, points, false, balance(account.id()));
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new CreditsException.InvalidGrant("expires_at must be in the future");
        }
        grants.settle(account, now);
        grants.give(account, GrantKind.ADMIN, "admin:" + key, points, expiresAt, reason);
        return new AdminGrant(points, points, true, balance(account.id()));
    }

    private AdminGrant debit(Account account, long points, String reason, String key, Instant now) {
        Optional<LotRepository.Adjustment> earlier = lots.adjustment(account.id(), key);
        if (earlier.isPresent()) {
            if (earlier.get().requested() != points) {
                throw new CreditsException.IdempotencyKeyReused(key);
            }
            grants.settle(account, now);
            return new AdminGrant(points, earlier.get().applied(), false, balance(account.id()));
        }
        grants.settle(account, now);
        long applied = -grants.debit(accounts.find(account.id()).orElseThrow(), -points, now, reason);
        lots.recordAdjustment(account.id(), key, points, applied, reason);
        return new AdminGrant(points, applied, true, balance(account.id()));
    }

    /** Expires the lots of every account whose lots are due; returns how many accounts were settled. */
    @Transactional
    public int expireDue(int maxAccounts) {
        Instant now = clock.instant();
        List<UUID> due = grants.accountsWithDueLots(now, maxAccounts);
        due.forEach(id -> lockSettled(id, now));
        return due.size();
    }

    /** When the next daily grant can be had, or null if the plan has none. */
    public static Instant nextDailyGrantAt(Account account, Instant now, boolean givenToday) {
        if (account.plan().dailyGrant() <= 0) {
            return null;
        }
        LocalDate today = account.dayAt(now);
        boolean signupDay = today.equals(account.dayAt(account.createdAt()));
        return givenToday || signupDay ? account.startOf(today.plusDays(1)) : now;
    }

    private Instant nextDailyGrantAt(Account account, Instant now) {
        return nextDailyGrantAt(account, now, grants.hasDaily(account, account.dayAt(now)));
    }

    private Account lockSettled(UUID accountId, Instant now) {
        Account account = accounts.lock(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        grants.settle(account, now);
        return accounts.find(accountId).orElseThrow();
    }

    private long balance(UUID accountId) {
        return accounts.find(accountId).orElseThrow().balance();
    }

    /**
     * @param requested what the operator asked for (negative for a debit)
     * @param applied   what moved: a debit stops at a zero balance
     * @param fresh     false when the idempotency key had been used, and nothing moved this time
     */
    public record AdminGrant(long requested, long applied, boolean fresh, long balance) {
    }
}
