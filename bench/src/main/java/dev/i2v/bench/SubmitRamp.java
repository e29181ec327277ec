package dev.i2v.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.i2v.bench.baseline.PlainSql;
import dev.i2v.bench.load.OpenLoop;
import dev.i2v.bench.load.Step;
import dev.i2v.bench.report.Charts;
import dev.i2v.bench.report.Report;
import dev.i2v.localstack.LocalStack;
import dev.i2v.bench.probe.RequestTimings;
import dev.i2v.localstack.StackDatabase;

/**
 * Submit throughput and latency at rising open-loop arrival rates, through the gateway and, step by step in
 * the same run, as plain SQL of the same database work on the same PostgreSQL. Each side climbs (×1.5 a
 * step) until its p99 passes 50 ms or it cannot keep the rate; the figure is the highest rate each sustained.
 */
final class SubmitRamp implements Scenario {

    static final double P99_LIMIT_MS = 50;
    static final int SQL_CONNECTIONS = 32;
    static final int MIN_SAMPLES = 200;

    @Override
    public String name() {
        return "submit";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        Duration warmup = context.pick(Duration.ofSeconds(2), Duration.ofSeconds(1));
        Duration measured = context.pick(Duration.ofSeconds(10), Duration.ofSeconds(2));
        double rate = context.pick(5.0, 2.0);
        int maxSteps = context.pick(24, 2);
        try (LocalStack stack = context.startStack(1, Map.of())) {
            List<BenchAccounts.Account> accounts = BenchAccounts.create(stack, 16);
            Submitter submitter = new Submitter(stack);
            // a fixed pool of connections, each with its own account, as the services' pools would be
            BlockingQueue<PlainSql> sqlClients = new LinkedBlockingQueue<>();
            for (int i = 0; i < SQL_CONNECTIONS; i++) {
                sqlClients.add(PlainSql.connect(stack.jdbcUrl()));
            }
            warmUp(context, submitter, accounts, sqlClients);
            List<Step> sqlSteps = new ArrayList<>();
            List<Step> gatewaySteps = new ArrayList<>();
            List<RequestTimings.Route> busiestSustained = List.of();
            boolean sqlDone = false;
            boolean gatewayDone = false;
            for (int i = 0; i < maxSteps && !(sqlDone && gatewayDone); i++, rate *= 1.5) {
                int backlog = (int) Math.max(50, rate * 2);
                // enough requests in every step for its p99 to be more than its slowest request
                Duration enough = Duration.ofSeconds((long) Math.ceil(MIN_SAMPLES / rate));
                Duration length = context.quick() || measured.compareTo(enough) > 0 ? measured : enough;
                if (!sqlDone) {
                    Step step = new OpenLoop(SQL_CONNECTIONS, backlog).run("plain SQL", rate, warmup, length, n -> {
                        PlainSql client = sqlClients.take();
                        try {
                            client.submit();
                            return 202;
                        } finally {
                            sqlClients.add(client);
                        }
                    });
                    sqlSteps.add(step);
                    sqlDone = !step.sustained(P99_LIMIT_MS);
                }
                if (!gatewayDone) {
                    List<RequestTimings.Route> before = RequestTimings.ofStack(stack);
                    Step step = new OpenLoop(128, backlog).run("gateway", rate, warmup, length,
                            n -> submitter.submit(accounts.get((int) (n % accounts.size())).key(), "bench"));
                    gatewaySteps.add(step);
                    gatewayDone = !step.sustained(P99_LIMIT_MS);
                    if (!gatewayDone) {
                        busiestSustained = RequestTimings.between(before, RequestTimings.ofStack(stack));
                    }
                }
                System.out.printf("submit ramp: %.0f/s: plain SQL p99 %.1f ms, gateway p99 %.1f ms%n", rate,
                        sqlSteps.get(sqlSteps.size() - 1).millis(99), gatewaySteps.get(gatewaySteps.size() - 1).millis(99));
            }
            for (PlainSql client : sqlClients) {
                client.close();
            }
            Report report = report(context, sqlSteps, gatewaySteps, warmup, measured);
            breakdown(report, busiestSustained, maxSustained(gatewaySteps));
            report.put("accepted_jobs", submitter.accepted().size());
            if (context.quick()) {
                // the suite's version also checks that every accepted job ends and is charged exactly once
                JobChecks checks = new JobChecks(new StackDatabase(stack));
                report.put("accepted_terminal", checks.awaitTerminal(submitter.accepted(), Duration.ofMinutes(2)));
                report.put("open_holds_after", checks.awaitNoOpenHolds(Duration.ofMinutes(1)));
            }
            return report;
        }
    }

    /**
     * Services that have just started run interpreted code; ones in production have served millions of
     * requests. Both sides get a few thousand unrecorded requests first, so the steps measure warm code.
     */
    private static void warmUp(BenchContext context, Submitter submitter, List<BenchAccounts.Account> accounts,
                               BlockingQueue<PlainSql> sqlClients) throws InterruptedException {
        Duration time = context.pick(Duration.ofSeconds(30), Duration.ofSeconds(2));
        Step gateway = new OpenLoop(128, 10_000).run("warm-up", 100, Duration.ZERO, time,
                n -> submitter.submit(accounts.get((int) (n % accounts.size())).key(), "warm-up"));
        Step sql = new OpenLoop(SQL_CONNECTIONS, 10_000).run("warm-up", 500, Duration.ZERO, time, n -> {
            PlainSql client = sqlClients.take();
            try {
                client.submit();
                return 202;
            } finally {
                sqlClients.add(client);
            }
        });
        System.out.printf("submit ramp: warm-up: gateway %d submits (p99 %.0f ms), plain SQL %d%n", gateway.ok(),
                gateway.millis(99), sql.ok());
    }

    private static Report report(BenchContext context, List<Step> sql, List<Step> gateway, Duration warmup,
                                 Duration measured) throws java.io.IOException {
        Report report = new Report("submit", "Submit throughput and latency at rising arrival rates");
        double sqlMax = maxSustained(sql);
        double gatewayMax = maxSustained(gateway);
        report.put("p99_limit_ms", P99_LIMIT_MS).put("warmup_seconds", warmup.toSeconds())
                .put("measured_seconds", measured.toSeconds())
                .put("plain_sql_steps", sql.stream().map(Step::toMap).toList())
                .put("gateway_steps", gateway.stream().map(Step::toMap).toList())
                .put("plain_sql_max_sustained_per_second", sqlMax)
                .put("gateway_max_sustained_per_second", gatewayMax)
                .put("ratio_gateway_to_plain_sql", sqlMax == 0 ? null : gatewayMax / sqlMax);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.max(sql.size(), gateway.size()); i++) {
            Step s = i < sql.size() ? sql.get(i) : null;
            Step g = i < gateway.size() ? gateway.get(i) : null;
            Step any = s != null ? s : g;
            rows.add(List.of(String.format("%.0f", any.offeredPerSecond()),
                    s == null ? "–" : String.format("%.0f", s.achievedPerSecond()), s == null ? "–" : s.millis(50),
                    s == null ? "–" : s.millis(99),
                    g == null ? "–" : String.format("%.0f", g.achievedPerSecond()), g == null ? "–" : g.millis(50),
                    g == null ? "–" : g.millis(99), g == null ? "–" : g.failed(),
                    s == null || g == null ? "–" : String.format("%.1f×", g.millis(99) / s.millis(99))));
        }
        report.line("Open loop, evenly spaced arrivals, latency from each request's scheduled start; %d s warm-up + "
                + "%d s measured per step (longer where needed for 200 requests), after a 30 s unrecorded warm-up at 100 "
                + "submits/s (500/s for SQL); a side stops after the first step with p99 > %.0f ms, errors or < 90 %% of "
                + "the offered rate.", warmup.toSeconds(), measured.toSeconds(), P99_LIMIT_MS);
        report.table(List.of("offered /s", "SQL done /s", "SQL p50 ms", "SQL p99 ms", "gateway done /s",
                "gateway p50 ms", "gateway p99 ms", "gateway not 202", "p99 gateway / SQL"), rows);
        report.line("Highest rate sustained with p99 ≤ %.0f ms: gateway **%.0f/s**, plain SQL **%.0f/s** — ratio **%.3f×**.",
                P99_LIMIT_MS, gatewayMax, sqlMax, sqlMax == 0 ? Double.NaN : gatewayMax / sqlMax);
        Charts.save(context.results().resolve("submit-latency.png"), "Submit p99 latency vs offered rate",
                "offered submits/s", "p99 ms (log)", true, List.of(
                        new Charts.Line("plain SQL p99", offered(sql), sql.stream().map(s -> s.millis(99)).toList()),
                        new Charts.Line("gateway p99", offered(gateway), gateway.stream().map(s -> s.millis(99)).toList()),
                        new Charts.Line("gateway p50", offered(gateway), gateway.stream().map(s -> s.millis(50)).toList())));
        Charts.save(context.results().resolve("submit-throughput.png"), "Submits done vs offered", "offered submits/s",
                "done submits/s (log)", true, List.of(
                        new Charts.Line("plain SQL", offered(sql), sql.stream().map(Step::achievedPerSecond).toList()),
                        new Charts.Line("gateway", offered(gateway), gateway.stream().map(Step::achievedPerSecond).toList())));
        return report;
    }

    private static List<Double> offered(List<Step> steps) {
        return steps.stream().map(Step::offeredPerSecond).toList();
    }

    static double maxSustained(List<Step> steps) {
        return steps.stream().filter(s -> s.sustained(P99_LIMIT_MS)).mapToDouble(Step::offeredPerSecond).max().orElse(0);
    }

    /** Where a submit's time went at the highest sustained rate, from each service's own HTTP timers. */
    private static void breakdown(Report report, List<RequestTimings.Route> routes, double rate) {
        List<List<Object>> rows = routes.stream()
                .filter(r -> r.uri().startsWith("/v1/videos") || r.uri().startsWith("/internal"))
                .sorted(Comparator.comparingDouble(RequestTimings.Route::meanMillis).reversed())
                .map(r -> List.<Object>of(r.service(), r.kind(), r.method() + " " + r.uri(), r.count(), r.meanMillis()))
                .toList();
        report.line("Where a submit's time went at %.0f/s, the highest rate sustained (each service's own HTTP timers "
                + "over that step, warm-up included):", rate);
        report.table(List.of("service", "served / called", "route", "count", "mean ms"), rows);
        report.put("breakdown_at_max_sustained", rows);
    }
}
