package dev.i2v.credits.ledger;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recomputes every account's figures from the journal and the lots, and reports where the stored
 * figures drift from them. In a correct system the report is always empty.
 */
@Service
public class LedgerAudit {

    private final JdbcClient jdbc;

    LedgerAudit(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One account, or all of them when {@code account} is null. Runs on one consistent snapshot. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Report audit(UUID account) {
        List<Drift> drift = jdbc.sql("""
                        with journal as (
                            select acct, sum(delta) as total from (
                                select credit_account as acct, amount as delta from ledger_entries
                                union all
                                select debit_account, -amount from ledger_entries) moves
                             where cast(:account as uuid) is null
                                or acct in ('available:' || cast(:account as text), 'held:' || cast(:account as text))
                             group by acct),
                        open_holds as (
                            select account_id, sum(amount) as held, count(*) as n from holds where status = 'held' group by account_id),
                        lots as (
                            select account_id, sum(remaining) as remaining from grants group by account_id),
                        figures as (
                            select a.id, a.balance, a.active_jobs,
                                   coalesce((select total from journal where acct = 'available:' || a.id), 0) as journal_available,
                                   coalesce((select total from journal where acct = 'held:' || a.id), 0) as journal_held,
                                   coalesce(h.held, 0) as open_held, coalesce(h.n, 0) as open_holds,
                                   coalesce(l.remaining, 0) as lot_remaining
                              from accounts a left join open_holds h on h.account_id = a.id left join lots l on l.account_id = a.id
                             where cast(:account as uuid) is null or a.id = :account)
                        select id, 'balance vs journal' as what, balance as stored, journal_available as computed from figures where balance <> journal_available
                        union all select id, 'balance vs lots', balance, lot_remaining from figures where balance <> lot_remaining
                        union all select id, 'open holds vs journal', open_held, journal_held from figures where open_held <> journal_held
                        union all select id, 'active jobs vs open holds', active_jobs, open_holds from figures where active_jobs <> open_holds
                        """)
                .param("account", account)
                .query((rs, n) -> new Drift(rs.getObject("id", UUID.class), rs.getString("what"), rs.getLong("stored"),
                        rs.getLong("computed")))
                .list();
        List<Drift> allocations = jdbc.sql("""
                        select h.account_id, h.job_id, h.amount, coalesce(sum(a.points), 0) as allocated
                          from holds h left join hold_allocations a on a.job_id = h.job_id
                         where h.status = 'held' and (cast(:account as uuid) is null or h.account_id = :account)
                         group by h.account_id, h.job_id, h.amount having h.amount <> coalesce(sum(a.points), 0)
                        """)
                .param("account", account)
                .query((rs, n) -> new Drift(rs.getObject("account_id", UUID.class),
                        "hold " + rs.getObject("job_id") + " vs its allocations", rs.getLong("amount"), rs.getLong("allocated")))
                .list();
        long accounts = jdbc.sql("select count(*) from accounts where cast(:account as uuid) is null or id = :account")
                .param("account", account).query(Long.class).single();
        long entries = jdbc.sql("select count(*) from ledger_entries").query(Long.class).single();
        return new Report(accounts, entries, Stream.concat(drift.stream(), allocations.stream()).toList());
    }

    /** @param drift empty when every stored figure equals what the journal and the lots say */
    public record Report(long accountsChecked, long journalEntries, List<Drift> drift) {
        public boolean clean() {
            return drift.isEmpty();
        }
    }

    public record Drift(UUID accountId, String what, long stored, long computed) {
    }
}
