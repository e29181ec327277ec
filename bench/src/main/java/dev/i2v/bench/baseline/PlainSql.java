package dev.i2v.bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * One client's plain-SQL version of a job: {@link #submit} runs the statements one submit makes (key lookup,
 * account and plan read, the hold transaction with its lot, allocation, ledger and slot updates, the job
 * transaction with its transition and outbox row); {@link #finish} those of its start, success and capture.
 * One connection per client, as a pool would give.
 */
public final class PlainSql implements AutoCloseable {

    private static final List<String> TABLES = List.of("gateway.api_keys", "credits.plans", "credits.accounts",
            "credits.holds", "credits.grants", "credits.hold_allocations", "credits.ledger_entries", "jobs.jobs",
            "jobs.job_transitions", "jobs.outbox");

    private final Connection c;
    private final UUID account = UUID.randomUUID();
    private final byte[] keyHash;

    private PlainSql(Connection connection) throws Exception {
        this.c = connection;
        this.keyHash = MessageDigest.getInstance("SHA-256").digest(account.toString().getBytes(StandardCharsets.UTF_8));
        update("insert into bench.api_keys (id, account_id, prefix, key_hash) values (?, ?, 'bench', ?)",
                UUID.randomUUID(), account, keyHash);
        update("insert into bench.accounts (id, plan, balance, active_jobs) values (?, 'bench', 1000000000, 0)", account);
        update("insert into bench.grants (account_id, kind, grant_key, points, remaining, reason) "
                + "values (?, 'admin', ?, 1000000000, 1000000000, 'bench')", account, "bench-" + account);
    }

    /** A client with its own connection and account; the scratch schema is made on first use. */
    public static PlainSql connect(String jdbcUrl) throws Exception {
        prepareSchema(jdbcUrl);
        return new PlainSql(DriverManager.getConnection(jdbcUrl));
    }

    private static synchronized void prepareSchema(String jdbcUrl) throws SQLException {
        try (Connection setup = DriverManager.getConnection(jdbcUrl); Statement s = setup.createStatement()) {
            s.execute("create schema if not exists bench");
            for (String table : TABLES) {
                String name = table.substring(table.indexOf('.') + 1);
                s.execute("create table if not exists bench." + name + " (like " + table + " including all)");
            }
            s.execute("insert into bench.plans select * from credits.plans on conflict do nothing");
            s.execute("insert into bench.plans values ('bench', 1000000, false, 1080, 10, 'standard', 0, 0, 0) "
                    + "on conflict do nothing");
        }
    }

    /** The statements of one submit; returns the new job's id. */
    public UUID submit() throws SQLException {
        UUID job = UUID.randomUUID();
        query("select account_id from bench.api_keys where key_hash = ? and revoked_at is null", keyHash);
        query("select a.id, a.balance, a.active_jobs, p.* from bench.accounts a join bench.plans p on p.code = a.plan "
                + "where a.id = ?", account);
        c.setAutoCommit(false);
        query("select a.id, a.balance, a.active_jobs, p.* from bench.accounts a join bench.plans p on p.code = a.plan "
                + "where a.id = ? for update of a", account);
        query("select * from bench.holds where job_id = ?", job);
        query("select * from bench.grants where account_id = ? and remaining > 0 and expires_at <= now() order by id", account);
        query("select a.id, a.balance, a.active_jobs, p.* from bench.accounts a join bench.plans p on p.code = a.plan "
                + "where a.id = ?", account);
        query("insert into bench.holds (job_id, account_id, amount, status, created_at, expires_at) "
                + "values (?, ?, 30, 'held', now(), now() + interval '2 hours') returning *", job, account);
        long lot = queryLong("select id from bench.grants where account_id = ? and remaining > 0 "
                + "and (expires_at is null or expires_at > now()) order by expires_at nulls last, id", account);
        update("update bench.grants set remaining = remaining - 30 where id = ?", lot);
        update("insert into bench.hold_allocations (job_id, grant_id, points) values (?, ?, 30)", job, lot);
        long after = queryLong("update bench.accounts set balance = balance - 30 where id = ? returning balance", account);
        update("insert into bench.ledger_entries (account_id, kind, points, amount, debit_account, credit_account, job_id, "
                + "balance_after) values (?, 'hold', -30, 30, 'available', 'held', ?, ?)", account, job, after);
        update("update bench.accounts set active_jobs = active_jobs + 1 where id = ?", account);
        c.commit();
        update("insert into bench.jobs (id, account_id, status, model, prompt, duration_seconds, resolution, lane, cost, "
                + "image_key, progress, attempt, created_at, prompt_optimizer) values (?, ?, 'queued', 'instant', 'bench', 6, "
                + "'768P', 'standard', 30, 'inputs/x/image.png', 0, 1, now(), false) on conflict (id) do nothing", job, account);
        update("insert into bench.job_transitions (job_id, from_status, to_status, attempt, reason) "
                + "values (?, null, 'queued', 1, 'submitted')", job);
        update("insert into bench.outbox (topic, message_key, payload) values ('i2v.dispatch.standard', ?, ?)",
                job.toString(), "{\"job_id\":\"" + job + "\",\"account_id\":\"" + account + "\",\"model\":\"instant\"}");
        c.commit();
        c.setAutoCommit(true);
        return job;
    }

    /** The statements of a job's start, success and capture (job-service's two transactions, credits' one). */
    public void finish(UUID job) throws SQLException {
        c.setAutoCommit(false);
        query("select * from bench.jobs where id = ? for update", job);
        update("update bench.jobs set status = 'running', started_at = now(), worker_id = 'bench' where id = ?", job);
        update("insert into bench.job_transitions (job_id, from_status, to_status, attempt, reason) "
                + "values (?, 'queued', 'running', 1, 'started')", job);
        update("insert into bench.outbox (topic, message_key, payload) values ('i2v.jobs.events', ?, '{}')", job.toString());
        c.commit();
        query("select * from bench.jobs where id = ? for update", job);
        update("update bench.jobs set status = 'succeeded', progress = 100, finished_at = now() where id = ?", job);
        update("insert into bench.job_transitions (job_id, from_status, to_status, attempt, reason) "
                + "values (?, 'running', 'succeeded', 1, 'succeeded')", job);
        update("insert into bench.outbox (topic, message_key, payload) values ('i2v.jobs.events', ?, '{}')", job.toString());
        c.commit();
        query("select * from bench.holds where job_id = ? for update", job);
        query("select a.id from bench.accounts a where a.id = ? for update", account);
        update("update bench.holds set status = 'captured' where job_id = ?", job);
        update("insert into bench.ledger_entries (account_id, kind, points, amount, debit_account, credit_account, job_id, "
                + "balance_after) values (?, 'capture', 0, 30, 'held', 'spent', ?, 0)", account, job);
        update("update bench.accounts set active_jobs = active_jobs - 1 where id = ?", account);
        c.commit();
        c.setAutoCommit(true);
    }

    private void query(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepared(sql, params); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private long queryLong(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepared(sql, params); ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = prepared(sql, params)) {
            statement.executeUpdate();
        }
    }

    private PreparedStatement prepared(String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
