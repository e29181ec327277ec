package dev.i2v.localstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Submit load against a running stack: {@code clients} closed-loop clients submitting as fast as they are
 * answered, for a fixed time, through the gateway; and, in the same run, a baseline of the database work one
 * submit does (key lookup, the credits hold transaction, the job-creation transaction) as plain JDBC on the
 * same PostgreSQL, in a scratch schema with the same tables and indexes so no service reacts to it. The
 * ratio of the two is what the services' HTTP hops, JSON, image checks and storage cost on top of the SQL.
 */
final class SubmitLoad {

    /** One measured phase: how many answered as expected, how many did not, and the latency histogram. */
    record Phase(String name, long ok, long failed, double seconds, Histogram latency, Map<Integer, Long> statuses) {

        double perSecond() {
            return ok / seconds;
        }

        double millis(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private final LocalStack stack;
    private final int clients;
    private final byte[] image;
    private final List<String> acceptedJobs = java.util.Collections.synchronizedList(new ArrayList<>());

    SubmitLoad(LocalStack stack, int clients) throws java.io.IOException {
        this.stack = stack;
        this.clients = clients;
        this.image = Images.gradientPng(640, 480);
    }

    /** Ids of every job the gateway accepted, for checks afterwards. */
    List<String> acceptedJobs() {
        return List.copyOf(acceptedJobs);
    }

    /** One account per client on an unlimited plan with plenty of points, so nothing but load is measured. */
    List<String> prepareAccounts() {
        StackClient api = new StackClient(stack);
        StackDatabase db = new StackDatabase(stack);
        db.execute("insert into credits.plans values ('bench', 1000000, false, 1080, 10, 'standard', 0, 0, 0) "
                + "on conflict (code) do nothing");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String[] account = api.newAccount("free");
            api.admin("PUT", "/admin/v1/accounts/" + account[1] + "/plan", "{\"plan\":\"bench\"}");
            api.admin("POST", "/admin/v1/accounts/" + account[1] + "/grants",
                    "{\"points\":1000000000,\"reason\":\"bench\",\"idempotency_key\":\"bench-" + account[1] + "\"}");
            keys.add(account[0]);
        }
        return keys;
    }

    /** Submits through the gateway: multipart, a 640×480 PNG, the instant model. */
    Phase gateway(List<String> keys, Duration warmup, Duration measured) throws InterruptedException {
        return run("gateway", warmup, measured, client -> {
            Multipart form = new Multipart().field("prompt", "bench").field("model", "instant")
                    .file("image", "bench.png", "image/png", image);
            String key = keys.get(client);
            return () -> {
                ApiCall.Reply reply = ApiCall.to(stack, "POST", "/v1/videos").key(key).form(form).send();
                if (reply.status() == 202) {
                    acceptedJobs.add(reply.json().get("id").asString());
                }
                return reply.status();
            };
        });
    }

    /** The same database work as plain JDBC: one connection per client, as a pool would give. */
    Phase baseline(Duration warmup, Duration measured) throws Exception {
        String jdbcUrl = stack.jdbcUrl();
        try (Connection setup = DriverManager.getConnection(jdbcUrl); Statement s = setup.createStatement()) {
            s.execute("create schema if not exists bench");
            for (String table : List.of("gateway.api_keys", "credits.plans", "credits.accounts", "credits.holds",
                    "credits.grants", "credits.hold_allocations", "credits.ledger_entries", "jobs.jobs",
                    "jobs.job_transitions", "jobs.outbox")) {
                String name = table.substring(table.indexOf('.') + 1);
                s.execute("create table if not exists bench." + name + " (like " + table + " including all)");
            }
            s.execute("insert into bench.plans select * from credits.plans on conflict do nothing");
        }
        List<BaselineClient> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            workers.add(new BaselineClient(DriverManager.getConnection(jdbcUrl)));
        }
        try {
            return run("plain SQL", warmup, measured, client -> workers.get(client)::submit);
        } finally {
            for (BaselineClient worker : workers) {
                worker.close();
            }
        }
    }

    interface Call {
        int call() throws Exception;
    }

    private Phase run(String name, Duration warmup, Duration measured, java.util.function.IntFunction<Call> calls)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            Call call = calls.apply(i);
            Thread thread = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        long began = System.nanoTime();
                        int status;
                        try {
                            status = call.call();
                        } catch (Exception e) {
                            status = -1;
                        }
                        long finished = System.nanoTime();
                        if (began >= measureFrom && finished <= end) {
                            recorder.recordValue(finished - began);
                            statuses.merge(status, 1L, Long::sum);
                            (status == 202 ? ok : failed).incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "load-" + name + "-" + i);
            thread.start();
        }
        done.await();
        return new Phase(name, ok.get(), failed.get(), measured.toNanos() / 1e9, recorder.getIntervalHistogram(),
                Map.copyOf(statuses));
    }

    /** One client's plain-SQL submits, each the statements the services run for one job. */
    private static final class BaselineClient implements AutoCloseable {

        private final Connection c;
        private final UUID account = UUID.randomUUID();
        private final byte[] keyHash;

        BaselineClient(Connection connection) throws Exception {
            this.c = connection;
            this.keyHash = MessageDigest.getInstance("SHA-256").digest(account.toString().getBytes(StandardCharsets.UTF_8));
            update("insert into bench.api_keys (id, account_id, prefix, key_hash) values (?, ?, 'bench', ?)",
                    UUID.randomUUID(), account, keyHash);
            update("insert into bench.accounts (id, plan, balance, active_jobs) values (?, 'bench', 1000000000, 0)",
                    account);
            update("insert into bench.grants (account_id, kind, grant_key, points, remaining, reason) "
                    + "values (?, 'admin', ?, 1000000000, 1000000000, 'bench')", account, "bench-" + account);
        }

        int submit() throws SQLException {
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
            return 202;
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
}
