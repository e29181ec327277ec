package dev.i2v.credits.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.problems.CreditsException;

/** Reads an account's ledger, newest first, a page at a time; the cursor is the last entry id seen. */
@Service
public class LedgerQueries {

    private static final int MAX_LIMIT = 200;

    private final JdbcClient jdbc;

    LedgerQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public CreditsApi.HistoryPage history(UUID accountId, String cursor, int limit) {
        int pageSize = Math.max(1, Math.min(limit, MAX_LIMIT));
        long before = parseCursor(cursor);
        List<CreditsApi.LedgerLine> lines = jdbc.sql("""
                        select id, kind, points, job_id, balance_after, created_at from ledger_entries
                         where account_id = :account and id < :before order by id desc limit :limit
                        """)
                .param("account", accountId).param("before", before).param("limit", pageSize + 1)
                .query(LedgerQueries::line).list();
        if (lines.size() <= pageSize) {
            return new CreditsApi.HistoryPage(lines, null);
        }
        List<CreditsApi.LedgerLine> page = lines.subList(0, pageSize);
        return new CreditsApi.HistoryPage(page, Long.toString(page.get(pageSize - 1).id()));
    }

    /** One job's points movements, oldest first: its hold, then its capture or release. */
    @Transactional(readOnly = true)
    public List<CreditsApi.LedgerLine> forJob(UUID jobId) {
        return jdbc.sql("""
                        select id, kind, points, job_id, balance_after, created_at from ledger_entries
                         where job_id = :job order by id
                        """)
                .param("job", jobId)
                .query(LedgerQueries::line).list();
    }

    /** The account's jobs per day of its time zone over the last {@code days}, and its open holds. */
    @Transactional(readOnly = true)
    public CreditsApi.Usage usage(UUID accountId, int days) {
        if (days < 1 || days > 366) {
            throw new CreditsException.InvalidQuote("days must be between 1 and 366");
        }
        if (jdbc.sql("select count(*) from accounts where id = :id").param("id", accountId).query(Long.class).single() == 0) {
            throw new CreditsException.AccountNotFound(accountId);
        }
        List<CreditsApi.UsageDay> perDay = jdbc.sql("""
                        select (h.created_at at time zone a.time_zone)::date as day, count(*) as jobs,
                               count(*) filter (where h.status = 'captured') as succeeded,
                               coalesce(sum(h.amount) filter (where h.status = 'captured'), 0) as spent
                          from holds h join accounts a on a.id = h.account_id
                         where h.account_id = :account and h.created_at > now() - make_interval(days => :days)
                         group by 1 order by 1 desc
                        """)
                .param("account", accountId).param("days", days)
                .query((rs, n) -> new CreditsApi.UsageDay(rs.getObject("day", LocalDate.class), rs.getLong("jobs"),
                        rs.getLong("succeeded"), rs.getLong("spent")))
                .list();
        List<CreditsApi.OpenHold> open = jdbc.sql("""
                        select job_id, amount, created_at, expires_at from holds
                         where account_id = :account and status = 'held' order by created_at
                        """)
                .param("account", accountId)
                .query((rs, n) -> new CreditsApi.OpenHold(rs.getObject("job_id", UUID.class), rs.getLong("amount"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .list();
        return new CreditsApi.Usage(perDay, open);
    }

    private static CreditsApi.LedgerLine line(ResultSet rs, int row) throws SQLException {
        return new CreditsApi.LedgerLine(rs.getLong("id"), rs.getString("kind"), rs.getLong("points"),
                rs.getObject("job_id", UUID.class), rs.getLong("balance_after"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new CreditsException.InvalidCursor(cursor);
        }
    }
}
