package dev.i2v.credits.ledger;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves points: changes the balance and appends the entry that explains it, in the caller's
 * transaction. The balance check constraint makes an overdraft fail rather than go negative.
 */
@Component
public class Ledger {

    private final JdbcClient jdbc;

    Ledger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the balance after the entry */
    @Transactional(propagation = Propagation.MANDATORY)
    public long post(UUID accountId, EntryKind kind, long points, UUID jobId, String reason) {
        long balanceAfter = jdbc.sql("update accounts set balance = balance + :points where id = :id returning balance")
                .param("points", points).param("id", accountId).query(Long.class).single();
        jdbc.sql("""
                insert into ledger_entries (account_id, kind, points, job_id, balance_after, reason)
                values (:account, :kind, :points, :job, :after, :reason)
                """)
                .param("account", accountId).param("kind", kind.dbName()).param("points", points)
                .param("job", jobId).param("after", balanceAfter).param("reason", reason)
                .update();
        return balanceAfter;
    }
}
