package dev.i2v.credits.holds;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsProperties;
import dev.i2v.credits.grants.Grants;
import dev.i2v.credits.ledger.Ledger;
import dev.i2v.credits.pricing.PriceList;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;
import dev.i2v.credits.registry.Plan;

/**
 * Places and resolves holds (two-phase: pending → captured | released | expired). Every operation
 * first locks the account row, so the checks and changes of one account are serialised and lots,
 * balance, slots and journal move together; every operation is idempotent by job id.
 */
@Service
public class HoldService {

    private final AccountRepository accounts;
    private final HoldRepository holds;
    private final Grants grants;
    private final Ledger ledger;
    private final CreditsProperties properties;
    private final Clock clock;
    private final PriceList prices;

    HoldService(AccountRepository accounts, HoldRepository holds, Grants grants, Ledger ledger, PriceList prices,
                CreditsProperties properties, Clock clock) {
        this.prices = prices;
        this.accounts = accounts;
        this.holds = holds;
        this.grants = grants;
        this.ledger = ledger;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Holds the amount, spending the soonest-expiring points first, and takes a concurrency slot. A
     * retry with the same job, account and amount returns the hold placed the first time.
     */
    @Transactional
    public CreditsApi.HoldView place(UUID jobId, UUID accountId, long amount) {
        return place(jobId, accountId, amount, true);
    }

    /**
     * @param takesSlot false for a relaxed-lane job: it runs on idle capacity and takes none of the plan's parallel
     *                  slots; such holds are bounded on their own, by the plan's parallel and queued limits together
     */
    @Transactional
    public CreditsApi.HoldView place(UUID jobId, UUID accountId, long amount, boolean takesSlot) {
        if (amount < 0) {
            throw new CreditsException.InvalidGrant("a hold's amount is never negative");
        }
        Instant now = clock.instant();
        Account locked = accounts.lock(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        Optional<Hold> existing = holds.find(jobId);
        if (existing.isPresent()) {
            if (!existing.get().sameRequest(accountId, amount)) {
                throw new CreditsException.HoldConflict(jobId);
            }
            return withPlan(existing.get().view(), locked.plan());
        }
        grants.settle(locked, now);
        Account account = accounts.find(accountId).orElseThrow();
        if (takesSlot && !account.hasFreeSlot()) {
            throw new CreditsException.ConcurrencyLimit(account.activeJobs(), account.plan().parallelJobs(),
                    account.plan().queuedJobs());
        }
        int relaxed = takesSlot ? 0 : holds.openWithoutSlot(accountId);
        if (!takesSlot && !account.plan().hasSlotBeside(relaxed)) {
            throw new CreditsException.ConcurrencyLimit(relaxed, account.plan().parallelJobs(),
                    account.plan().queuedJobs());
        }
        if (account.balance() < amount) {
            throw new CreditsException.InsufficientCredits(account.balance(), amount);
        }
        Hold hold;
        try {
            hold = holds.insert(jobId, accountId, amount, takesSlot, now, now.plus(properties.holdTtl()));
        } catch (DuplicateKeyException e) {
            // the same job id raced in for another account, whose lock we do not hold
            throw new CreditsException.HoldConflict(jobId);
        }
        grants.take(account, jobId, amount, now);
        ledger.hold(accountId, amount, jobId);
        if (takesSlot) {
            accounts.changeActiveJobs(accountId, 1);
        }
        return withPlan(hold.view(), account.plan());
    }

    /**
     * Prices the job (422 {@code plan_limit} for what the plan does not allow) and holds that price: one call and one
     * transaction for the submit path. A retry of the same request returns the hold placed the first time.
     */
    @Transactional
    public CreditsApi.HoldView placePriced(CreditsApi.PlaceHold request) {
        long amount = prices.quote(request.quote()).cost();
        return place(request.jobId(), request.accountId(), amount, request.lane() != Lane.RELAXED);
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
        Account account = accounts.lock(unlocked.accountId()).orElseThrow();
        Hold hold = holds.lock(jobId).orElseThrow();
        if (hold.status() == target) {
            return hold.view();
        }
        if (!hold.status().canBecome(target)) {
            throw new CreditsException.HoldAlreadyResolved(jobId, hold.status().dbName());
        }
        Instant now = clock.instant();
        if (target == HoldStatus.CAPTURED) {
            ledger.capture(hold.accountId(), hold.amount(), jobId);
        } else {
            ledger.release(hold.accountId(), hold.amount(), jobId, target.dbName());
            grants.giveBack(account, jobId, now);
        }
        if (hold.takesSlot()) {
            accounts.changeActiveJobs(hold.accountId(), -1);
        }
        return holds.resolve(jobId, target, now).view();
    }

    /** What the hold's plan says about running and waiting: job-service schedules the job by it. */
    private static CreditsApi.HoldView withPlan(CreditsApi.HoldView view, Plan plan) {
        return view.withPlan(plan.parallelJobs(), plan.queueTimeoutSeconds(), plan.turnWeight(), plan.watermark());
    }
}
