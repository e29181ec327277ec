package dev.i2v.credits.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.grants.GrantService;
import dev.i2v.credits.grants.Grants;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;

/** What an account has now: balance by grant, plan, slots in use, when the next daily grant comes. */
@Service
public class CreditsQueryService {

    private final AccountRepository accounts;
    private final Grants grants;
    private final Clock clock;

    CreditsQueryService(AccountRepository accounts, Grants grants, Clock clock) {
        this.accounts = accounts;
        this.grants = grants;
        this.clock = clock;
    }

    /**
     * The plan's entitlements, read only: no row lock, no settling of grants, nothing written — job reads and
     * downloads ask this, and must never wait behind a submit's hold on the same account.
     */
    @Transactional(readOnly = true)
    public CreditsApi.Entitlements entitlements(UUID accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        return new CreditsApi.Entitlements(account.id(), account.plan().code(), account.plan().watermark());
    }

    /** Brings the account up to date first (expiry, monthly grant): what it shows is exact at this instant. */
    @Transactional
    public CreditsApi.CreditsView credits(UUID accountId) {
        Instant now = clock.instant();
        Account locked = accounts.lock(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        grants.settle(locked, now);
        Account account = accounts.find(accountId).orElseThrow();
        return new CreditsApi.CreditsView(account.id(), account.balance(), account.plan().code(),
                new CreditsApi.Concurrency(account.activeJobs(), account.plan().parallelJobs()),
                GrantService.nextDailyGrantAt(account, now, grants.hasDaily(account, account.dayAt(now))),
                grants.spendable(account, now).stream()
                        .map(lot -> new CreditsApi.GrantView(lot.kind(), lot.remaining(), lot.expiresAt())).toList(),
                account.plan().watermark());
    }
}
