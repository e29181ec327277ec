package dev.i2v.credits.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.i2v.credits.CreditsApplication;
import dev.i2v.credits.accounts.OpenAccountService;
import dev.i2v.credits.grants.GrantService;
import dev.i2v.credits.holds.HoldService;
import dev.i2v.infra.TestServers;

/**
 * Hold throughput: {@code HoldService.place} from 16 concurrent clients on real PostgreSQL, next to a
 * baseline that runs the same SQL statements a hold executes through plain JDBC, with the same
 * threads, pool and accounts, in the same run. Rounds alternate so that noise hits both alike.
 * <p>
 * Run: {@code ./mvnw -q -pl credits-service -am install -DskipTests && ./mvnw -q -pl credits-service
 * exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.i2v.credits.bench.HoldThroughputBenchmark}
 * (options: {@code -Dbench.seconds=10 -Dbench.rounds=3 -Dbench.clients=16}).
 */
public final class HoldThroughputBenchmark {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int ACCOUNTS = 256;

    private HoldThroughputBenchmark() {
    }

    public static void main(String[] args) {
        // the embedded broker's threads would keep the JVM alive: leave explicitly, with the outcome
        try {
            run();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        String[] springArgs = TestServers.shared().springProperties("credits").entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        String[] all = Stream.concat(Arrays.stream(springArgs), Stream.of(
                "--spring.kafka.listener.auto-startup=false", "--i2v.credits.sweep-interval=1d",
                "--spring.datasource.hikari.maximum-pool-size=" + CLIENTS, "--logging.level.root=WARN")).toArray(String[]::new);
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CreditsApplication.class)
                .web(WebApplicationType.NONE).run(all)) {
            List<UUID> accounts = prepareAccounts(app);
            HoldService holds = app.getBean(HoldService.class);
            DataSource dataSource = app.getBean(DataSource.class);
            List<double[]> rounds = new ArrayList<>();
            measure(() -> holds.place(UUID.randomUUID(), pick(accounts), 30), Duration.ofSeconds(3)); // warm-up
            measure(() -> baselineHold(dataSource, pick(accounts), 30), Duration.ofSeconds(3));
            for (int r = 0; r < ROUNDS; r++) {
                double baseline = measure(() -> baselineHold(dataSource, pick(accounts), 30), Duration.ofSeconds(SECONDS));
                double service = measure(() -> holds.place(UUID.randomUUID(), pick(accounts), 30), Duration.ofSeconds(SECONDS));
                rounds.add(new double[] {baseline, service});
                System.out.printf(Locale.ROOT, "round %d: baseline %.0f holds/s, service %.0f holds/s, ratio %.2f%n",
                        r + 1, baseline, service, service / baseline);
            }
            report(rounds);
        }
    }

    /** Accounts on a plan without a slot limit, each with one lot holding points enough for any run. */
    private static List<UUID> prepareAccounts(ConfigurableApplicationContext app) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        jdbc.sql("""
                insert into plans values ('bench', 1000000000, false, 1080, 10, 'standard', 0, 0, 0)
                on conflict (code) do nothing
                """).update();
        List<UUID> accounts = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            UUID id = UUID.randomUUID();
            app.getBean(OpenAccountService.class).open(id, "bench", null);
            app.getBean(GrantService.class).adminGrant(id, 1_000_000_000L, "benchmark", null, "bench");
            accounts.add(id);
        }
        return accounts;
    }

    private static UUID pick(List<UUID> accounts) {
        return accounts.get(ThreadLocalRandom.current().nextInt(accounts.size()));
    }

    /** Runs the operation on {@link #CLIENTS} threads for the duration; returns operations per second. */
    private static double measure(Runnable operation, Duration duration) throws Exception {
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    operation.run();
                    done.increment();
                }
            }));
        }
        for (Future<?> client : clients) {
            client.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return done.sum() / seconds;
    }

    /** The statements of one hold, as the service issues them, in one transaction of plain JDBC. */
    private static void baselineHold(DataSource dataSource, UUID account, long amount) {
        UUID job = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            String selectAccount = "select a.id, a.balance, a.active_jobs, a.time_zone, a.created_at, p.* from accounts a "
                    + "join plans p on p.code = a.plan where a.id = ?";
            query(c, selectAccount + " for update of a", account);
            query(c, "select * from holds where job_id = ?", job);
            query(c, "select * from grants where account_id = ? and remaining > 0 and expires_at <= now() order by id", account);
            query(c, selectAccount, account);
            query(c, "insert into holds (job_id, account_id, amount, status, created_at, expires_at) values (?, ?, ?, 'held', now(), now() + interval '2 hours') returning *",
                    job, account, amount);
            long lot;
            try (ResultSet rs = query(c, "select * from grants where account_id = ? and remaining > 0 and (expires_at is null or expires_at > now()) order by expires_at nulls last, id", account)) {
                rs.next();
                lot = rs.getLong("id");
            }
            update(c, "update grants set remaining = remaining + ? where id = ?", -amount, lot);
            update(c, "insert into hold_allocations (job_id, grant_id, points) values (?, ?, ?)", job, lot, amount);
            long after;
            try (ResultSet rs = query(c, "update accounts set balance = balance + ? where id = ? returning balance", -amount, account)) {
                rs.next();
                after = rs.getLong(1);
            }
            update(c, "insert into ledger_entries (account_id, kind, points, amount, debit_account, credit_account, job_id, grant_id, balance_after, reason) values (?, 'hold', ?, ?, ?, ?, ?, null, ?, null)",
                    account, -amount, amount, "available:" + account, "held:" + account, job, after);
            update(c, "update accounts set active_jobs = active_jobs + ? where id = ?", 1, account);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The statement stays open until its connection closes, as the result set needs it. */
    private static ResultSet query(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        bind(statement, params);
        return statement.executeQuery();
    }

    private static void update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            bind(statement, params);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    private static void report(List<double[]> rounds) throws Exception {
        double baseline = rounds.stream().mapToDouble(r -> r[0]).average().orElseThrow();
        double service = rounds.stream().mapToDouble(r -> r[1]).average().orElseThrow();
        String table = String.format(Locale.ROOT, """
                | what (%d clients, %d × %d s) | holds/s |
                |---|---|
                | plain JDBC, same statements (baseline) | %.0f |
                | HoldService.place | %.0f |
                | ratio service / baseline | %.2f |
                """, CLIENTS, rounds.size(), SECONDS, baseline, service, service / baseline);
        System.out.println(table);
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("holds.md"), table);
        Files.writeString(dir.resolve("holds.json"), String.format(Locale.ROOT,
                "{\"clients\": %d, \"seconds\": %d, \"rounds\": %d, \"baseline_holds_per_s\": %.1f, \"service_holds_per_s\": %.1f, \"ratio\": %.3f}%n",
                CLIENTS, SECONDS, rounds.size(), baseline, service, service / baseline));
    }
}
