package dev.i2v.credits.holds;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsProperties;
import dev.i2v.credits.accounts.Account;
import dev.i2v.credits.accounts.AccountRepository;
import dev.i2v.credits.ledger.EntryKind;
import dev.i2v.credits.ledger.Ledger;
import dev.i2v.credits.problems.CreditsException;

/**
 * Places and resolves holds. Every operation first locks the account row, so checks and changes of
 * one account's balance and slots are serialised; every operation is idempotent by job id.
 */
@Service
public class HoldService {

    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final Ledger ledger;
    private final CreditsProperties properties;
    private final Clock clock;

    HoldService(AccountRepository accounts, HoldRepository holds, Ledger ledger, CreditsProperties properties,
                Clock clock) {
        this.accounts = accounts;
        this.holds = holds;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /** Holds the amount and takes a slot; a retry with the same job, account and amount returns the same hold. */
    @Transactional
    public CreditsApi.HoldView place(UUID jobId, UUID accountId, long amount) {
        Account account = accounts.lock(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        Optional<Hold> existing = holds.find(jobId);
        if (existing.isPresent()) {
            if (!existing.get().sameRequest(accountId, amount)) {
                throw new CreditsException.HoldConflict(jobId);
            }
            return existing.get().view();
        }
        if (!account.hasFreeSlot()) {
            throw new CreditsException.ConcurrencyLimit(account.activeJobs(), account.plan().parallelJobs());
        }
        if (account.balance() < amount) {
            throw new CreditsException.InsufficientCredits(account.balance(), amount);
        }
        ledger.post(accountId, EntryKind.HOLD, -amount, jobId, null);
        accounts.changeActiveJobs(accountId, 1);
        return holds.insert(jobId, accountId, amount, clock.instant().plus(properties.holdTtl())).view();
    }

    /** The job succeeded: the held points are spent. */
    @Transactional
    public CreditsApi.HoldView capture(UUID jobId) {
        return resolve(jobId, HoldStatus.CAPTURED);
    }

    /** The job failed or was cancelled: the held points go back. */
    @Transactional
    public CreditsApi.HoldView release(UUID jobId) {
        return resolve(jobId, HoldStatus.RELEASED);
    }

    /** The hold outlived its time-to-live unresolved: the points go back. */
    @Transactional
    public CreditsApi.HoldView expire(UUID jobId) {
        return resolve(jobId, HoldStatus.EXPIRED);
    }

    private CreditsApi.HoldView resolve(UUID jobId, HoldStatus target) {
        Hold unlocked = holds.find(jobId).orElseThrow(() -> new CreditsException.HoldNotFound(jobId));
        accounts.lock(unlocked.accountId());
        Hold hold = holds.lock(jobId).orElseThrow();
        if (hold.status() == target) {
            return hold.view();
        }
        if (!hold.status().canBecome(target)) {
            throw new CreditsException.HoldAlreadyResolved(jobId, hold.status().dbName());
        }
        if (target == HoldStatus.CAPTURED) {
            ledger.post(hold.accountId(), EntryKind.CAPTURE, 0, jobId, null);
        } else {
            ledger.post(hold.accountId(), EntryKind.RELEASE, hold.amount(), jobId, target.dbName());
        }
        accounts.changeActiveJobs(hold.accountId(), -1);
        return holds.resolve(jobId, target).view();
    }
}
