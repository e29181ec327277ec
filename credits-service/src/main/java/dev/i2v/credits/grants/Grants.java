package dev.i2v.credits.grants;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.credits.ledger.Ledger;
import dev.i2v.credits.registry.Account;

/**
 * Lots of points inside an account-changing transaction. Every method expects the caller to hold the
 * account's row lock, so lots, balance and journal change together or not at all.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class Grants {

    private final LotRepository lots;
    private final Ledger ledger;

    Grants(LotRepository lots, Ledger ledger) {
        this.lots = lots;
        this.ledger = ledger;
    }

    /** Adds a lot and credits it; a key given before changes nothing. @return the lot, if new */
    public Optional<Long> give(Account account, GrantKind kind, String key, long points, Instant expiresAt,
                               String reason) {
        if (points <= 0) {
            return Optional.empty();
        }
        Optional<Long> lot = lots.insert(account.id(), kind, key, points, expiresAt, reason);
        lot.ifPresent(id -> ledger.grant(account.id(), points, id, reason));
        return lot;
    }

    /**
     * Brings an account up to date at {@code now}: lots past their expiry leave the balance, and the
     * plan's grant for the current month is given if it has not been.
     */
    public void settle(Account account, Instant now) {
        for (Lot lot : lots.due(account.id(), now)) {
            ledger.expire(account.id(), lot.remaining(), lot.id());
            lots.changeRemaining(lot.id(), -lot.remaining());
        }
        long monthly = account.plan().monthlyGrant();
        if (monthly > 0) {
            YearMonth month = YearMonth.from(account.dayAt(now));
            String key = "monthly:" + account.plan().code() + ":" + month;
            if (!lots.exists(account.id(), key)) {
                give(account, GrantKind.MONTHLY, key, monthly, account.startOf(month.plusMonths(1).atDay(1)),
                        account.plan().code() + " plan, " + month);
            }
        }
    }

    /**
     * Takes {@code amount} points from the lots that expire soonest. The caller has checked that the
     * balance covers it (after {@link #settle}).
     */
    public List<Allocation> take(Account account, UUID job, long amount, Instant now) {
        List<Allocation> taken = new ArrayList<>();
        long missing = amount;
        for (Lot lot : lots.spendable(account.id(), now)) {
            if (missing == 0) {
                break;
            }
            long part = Math.min(missing, lot.remaining());
            lots.changeRemaining(lot.id(), -part);
            taken.add(new Allocation(lot.id(), part));
            missing -= part;
        }
        if (missing > 0) {
            throw new IllegalStateException("lots of account " + account.id() + " do not cover " + amount
                    + " although the balance did: the ledger is inconsistent");
        }
        lots.recordAllocations(job, taken);
        return taken;
    }

    /**
     * Debits up to {@code wanted} points, soonest-expiring lots first, never below zero.
     * @return the points actually debited
     */
    public long debit(Account account, long wanted, Instant now, String reason) {
        long missing = Math.min(wanted, account.balance());
        long applied = missing;
        for (Lot lot : lots.spendable(account.id(), now)) {
            if (missing == 0) {
                break;
            }
            long part = Math.min(missing, lot.remaining());
            lots.changeRemaining(lot.id(), -part);
            missing -= part;
        }
        ledger.debit(account.id(), applied - missing, reason);
        return applied - missing;
    }

    /**
     * Returns a released hold's points to the lots they came from. Points whose lot expired while they
     * were held expire at once, through an expiry entry.
     */
    public void giveBack(Account account, UUID job, Instant now) {
        for (Allocation allocation : lots.allocationsOf(job)) {
            lots.changeRemaining(allocation.lotId(), allocation.points());
            Lot lot = lots.find(allocation.lotId()).orElseThrow();
            if (lot.expiredAt(now)) {
                ledger.expire(account.id(), allocation.points(), lot.id());
                lots.changeRemaining(lot.id(), -allocation.points());
            }
        }
    }

    /** The lots that can be spent now, soonest-expiring first. */
    public List<Lot> spendable(Account account, Instant now) {
        return lots.spendable(account.id(), now);
    }

    /** Whether the account's daily grant for {@code day} was given. */
    public boolean hasDaily(Account account, LocalDate day) {
        return lots.exists(account.id(), dailyKey(day));
    }

    static String dailyKey(LocalDate day) {
        return "daily:" + day;
    }

    List<UUID> accountsWithDueLots(Instant now, int limit) {
        return lots.accountsWithDueLots(now, limit);
    }
}
