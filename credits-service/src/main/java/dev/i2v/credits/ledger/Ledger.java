package dev.i2v.credits.ledger;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The journal. Each movement is one row that takes {@code amount} from a debit account and gives it
 * to a credit account, so the journal balances by construction; the account's spendable balance is
 * changed in the same transaction. Callers hold the account's row lock.
 */
@Component
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** issued → available. @return the balance after */
    @Transactional(propagation = Propagation.MANDATORY)
    public long grant(UUID account, long amount, long grantId, String reason) {
        return post(account, EntryKind.GRANT, amount, LedgerAccounts.ISSUED, LedgerAccounts.available(account), null,
                grantId, reason);
    }

    /** available → held. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long hold(UUID account, long amount, UUID job) {
        return post(account, EntryKind.HOLD, amount, LedgerAccounts.available(account), LedgerAccounts.held(account), job,
                null, null);
    }

    /** held → revenue. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long capture(UUID account, long amount, UUID job) {
        return post(account, EntryKind.CAPTURE, amount, LedgerAccounts.held(account), LedgerAccounts.REVENUE, job, null,
                null);
    }

    /** held → available. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long release(UUID account, long amount, UUID job, String reason) {
        return post(account, EntryKind.RELEASE, amount, LedgerAccounts.held(account), LedgerAccounts.available(account),
                job, null, reason);
    }

    /** available → expired. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long expire(UUID account, long amount, long grantId) {
        return post(account, EntryKind.EXPIRY, amount, LedgerAccounts.available(account), LedgerAccounts.EXPIRED, null,
                grantId, null);
    }

    /** available → adjustments. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long debit(UUID account, long amount, String reason) {
        return post(account, EntryKind.ADJUSTMENT, amount, LedgerAccounts.available(account),
                LedgerAccounts.ADJUSTMENTS, null, null, reason);
    }

    private long post(UUID account, EntryKind kind, long amount, String debit, String credit, UUID job, Long grantId,
                      String reason) {
        if (amount < 0) {
            throw new IllegalArgumentException("a movement's amount is never negative: " + amount);
        }
        String available = LedgerAccounts.available(account);
        long delta = credit.equals(available) ? amount : debit.equals(available) ? -amount : 0;
        long balanceAfter = jdbc.sql("update accounts set balance = balance + :delta where id = :id returning balance")
                .param("delta", delta).param("id", account).query(Long.class).single();
        jdbc.sql("""
                        insert into ledger_entries (account_id, kind, points, amount, debit_account, credit_account,
                                                    job_id, grant_id, balance_after, reason)
                        values (:account, :kind, :points, :amount, :debit, :credit, :job, :grant, :after, :reason)
                        """)
                .param("account", account).param("kind", kind.dbName()).param("points", delta).param("amount", amount)
                .param("debit", debit).param("credit", credit).param("job", job).param("grant", grantId)
                .param("after", balanceAfter).param("reason", reason)
                .update();
        return balanceAfter;
    }
}
