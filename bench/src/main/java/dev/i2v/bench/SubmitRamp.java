package dev.i2v.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.i2v.bench.baseline.PlainSql;
import dev.i2v.bench.load.OpenLoop;
import dev.i2v.bench.load.Step;
import dev.i2v.bench.report.Charts;
import dev.i2v.bench.report.Report;
import dev.i2v.infra.FreePorts;
import dev.i2v.localstack.LocalStack;
import dev.i2v.bench.probe.RequestTimings;
import dev.i2v.localstack.StackDatabase;

/**
 * Submit throughput and latency at rising open-loop arrival rates, through the gateway and, step by step in
 * the same run, as plain SQL of the same database work on the same PostgreSQL. Each side climbs (×1.5 a
 * step) until its p99 passes 50 ms or it cannot keep the rate; the figure is the highest rate each sustained.
 * Jobs queue while no worker runs, so the submit path has the machine's cores to itself, as the baseline does.
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
        // no worker runs meanwhile: on a two-core machine a worker finishing the submitted jobs would take the
        // cores from the submit path (and how much depends on the worker's own speed); completions has its figure
        try (LocalStack stack = context.startStack(0, Map.of())) {
            List<BenchAccounts.Account> accounts = BenchAccounts.create(stack, 16);
            Submitter submitter = new Submitter(stack);
            // a fixed pool of connections, each with its own account, as the services' pools would be
            BlockingQueue<PlainSql> sqlClients = new LinkedBlockingQueue<>();
            for (int i = 0; i < SQL_CONNECTIONS; i++) {
                sqlClients.add(PlainSql.connect(stack.jdbcUrl()));
            }
            warmUp(context, submitter, accounts, sqlClients);
            Side sql = new Side("plain SQL", SQL_CONNECTIONS, plainSqlSubmit(sqlClients), null);
            Side gateway = new Side("gateway", 128,
                    n -> submitter.submit(accounts.get((int) (n % accounts.size())).key(), "bench"), stack);
            for (int i = 0; i < maxSteps && !(sql.done && gateway.done); i++, rate *= 1.5) {
                // enough requests in every step for its p99 to be more than its slowest request
                Duration enough = Duration.ofSeconds((long) Math.ceil(MIN_SAMPLES / rate));
                Duration length = context.quick() || measured.compareTo(enough) > 0 ? measured : enough;
                sql.climb(rate, warmup, length, !context.quick());
                gateway.climb(rate, warmup, length, !context.quick());
                System.out.printf("submit ramp: %.0f/s: plain SQL p99 %.1f ms, gateway p99 %.1f ms%n", rate,
                        sql.last().millis(99), gateway.last().millis(99));
            }
            List<Step> sqlSteps = sql.sorted();
            List<Step> gatewaySteps = gateway.sorted();
            List<RequestTimings.Route> busiestSustained = gateway.breakdown;
            for (PlainSql client : sqlClients) {
                client.close();
            }
            Report report = report(context, sqlSteps, gatewaySteps, warmup, measured);
            breakdown(report, busiestSustained, maxSustained(gatewaySteps));
            report.put("accepted_jobs", submitter.accepted().size());
            if (context.quick()) {
                // the suite's version also checks that every accepted job ends and is charged exactly once
                stack.addWorker(FreePorts.next(), Map.of());
                JobChecks checks = new JobChecks(new StackDatabase(stack));
                report.put("accepted_terminal", checks.awaitTerminal(submitter.accepted(), Duration.ofMinutes(2)));
                report.put("open_holds_after", checks.awaitNoOpenHolds(Duration.ofMinutes(1)));
            }
            return report;
        }
    }

    /**
     * One side of the comparison climbing the rates until two steps in a row miss the p99 limit, or one step
     * saturates (errors, or under 90 % of the offered rate). Then it tries once more halfway (geometrically)
     * between its last good rate and the first failed one, so its limit is known to within ±25 %.
     */
    private static final class Side {

        final String name;
        final int callers;
        final OpenLoop.Request request;
        final LocalStack timed;
        final List<Step> steps = new ArrayList<>();
        boolean done;
        int missed;
        List<RequestTimings.Route> breakdown = List.of();

        Side(String name, int callers, OpenLoop.Request request, LocalStack timed) {
            this.name = name;
            this.callers = callers;
            this.request = request;
            this.timed = timed;
        }

        void climb(double rate, Duration warmup, Duration length, boolean refine) throws Exception {
            if (done) {
                return;
            }
            Step step = step(rate, warmup, length);
            if (step.sustained(P99_LIMIT_MS)) {
                missed = 0;
                return;
            }
            // one tail spike on a shared two-core machine does not end the climb; a second step in a row over
            // the limit, or a step that could not keep the rate or failed requests (saturation), does
            boolean saturated = step.failed() > 0 || step.abandoned() || step.achievedPerSecond() < 0.9 * rate;
            if (++missed < 2 && !saturated) {
                return;
            }
            done = true;
            double good = maxSustained(steps);
            if (refine && good > 0) {
                step(Math.sqrt(good * rate / (missed > 1 ? 1.5 : 1)), warmup, length);
            }
        }

        private Step step(double rate, Duration warmup, Duration length) throws Exception {
            List<RequestTimings.Route> before = timed == null ? List.of() : RequestTimings.ofStack(timed);
            Step step = new OpenLoop(callers, (int) Math.max(50, rate * 2)).run(name, rate, warmup, length, request);
            steps.add(step);
            if (timed != null && step.sustained(P99_LIMIT_MS) && step.offeredPerSecond() >= maxSustained(steps)) {
                breakdown = RequestTimings.between(before, RequestTimings.ofStack(timed));
            }
            return step;
        }

        Step last() {
            return steps.get(steps.size() - 1);
        }

        List<Step> sorted() {
            return steps.stream().sorted(Comparator.comparingDouble(Step::offeredPerSecond)).toList();
        }
    }

    /**
     * Services that have just started run interpreted code; ones in production have served millions of
     * requests. Both sides get a few thousand unrecorded requests first, so the steps measure warm code.
     */
    /** One plain-SQL submit on a connection borrowed from the pool. */
    private static OpenLoop.Request plainSqlSubmit(BlockingQueue<PlainSql> pool) {
        return n -> {
            PlainSql client = pool.take();
            try {
                client.submit();
                return 202;
            } finally {
                pool.add(client);
            }
        };
    }

    private static void warmUp(BenchContext context, Submitter submitter, List<BenchAccounts.Account> accounts,
                               BlockingQueue<PlainSql> sqlClients) throws InterruptedException {
        Duration time = context.pick(Duration.ofSeconds(30), Duration.ofSeconds(2));
        Step gateway = new OpenLoop(128, 10_000).run("warm-up", 100, Duration.ZERO, time,
                n -> submitter.submit(accounts.get((int) (n % accounts.size())).key(), "warm-up"));
        Step sql = new OpenLoop(SQL_CONNECTIONS, 10_000).run("warm-up", 500, Duration.ZERO, time,
                plainSqlSubmit(sqlClients));
        System.out.printf("submit ramp: warm-up: gateway %d submits (p99 %.0f ms), plain SQL %d%n", gateway.ok(),
                gateway.millis(99), sql.ok());
    }

    private static Report report(BenchContext context, List<Step> sql, List<Step> gateway, Duration warmup,
                                 Duration measured) throws IOException {
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
        TreeMap<Double, Step[]> byRate = new TreeMap<>();
        sql.forEach(step -> byRate.computeIfAbsent(step.offeredPerSecond(), r -> new Step[2])[0] = step);
        gateway.forEach(step -> byRate.computeIfAbsent(step.offeredPerSecond(), r -> new Step[2])[1] = step);
        List<List<Object>> rows = new ArrayList<>();
        for (Map.Entry<Double, Step[]> e : byRate.entrySet()) {
            Step s = e.getValue()[0];
            Step g = e.getValue()[1];
            rows.add(List.of(String.format("%.0f", e.getKey()),
                    s == null ? "–" : String.format("%.0f", s.achievedPerSecond()), s == null ? "–" : s.millis(50),
                    s == null ? "–" : s.millis(99),
                    g == null ? "–" : String.format("%.0f", g.achievedPerSecond()), g == null ? "–" : g.millis(50),
                    g == null ? "–" : g.millis(99), g == null ? "–" : g.failed(),
                    s == null || g == null ? "–" : String.format("%.1f×", g.millis(99) / s.millis(99))));
        }
        report.line("Open loop, evenly spaced arrivals, latency from each request's scheduled start; %d s warm-up + "
                + "%d s measured per step (longer where needed for 200 requests), after a 30 s unrecorded warm-up at 100 "
                + "submits/s (500/s for SQL). A side stops after two steps in a row with p99 > %.0f ms, or at one step "
                + "with errors or < 90 %% of the offered rate, after trying once more halfway between its last good rate "
                + "and the first failed one.",
                warmup.toSeconds(), measured.toSeconds(), P99_LIMIT_MS);
        report.table(List.of("offered /s", "SQL done /s", "SQL p50 ms", "SQL p99 ms", "gateway done /s",
                "gateway p50 ms", "gateway p99 ms", "gateway not 202", "p99 gateway / SQL"), rows);
        report.line("Highest rate sustained with p99 ≤ %.0f ms: gateway **%.0f/s**, plain SQL **%.0f/s** — ratio **%.3f×**.",
                P99_LIMIT_MS, gatewayMax, sqlMax, sqlMax == 0 ? Double.NaN : gatewayMax / sqlMax);
        Charts.save(context.results().resolve("submit-latency.png"), "Submit latency vs offered rate (open loop)",
                "offered submits/s (log)", "latency ms (log)", true, true, List.of(
                        new Charts.Line("plain SQL p99", offered(sql), sql.stream().map(s -> s.millis(99)).toList()),
                        new Charts.Line("gateway p99", offered(gateway), gateway.stream().map(s -> s.millis(99)).toList()),
                        new Charts.Line("gateway p50", offered(gateway), gateway.stream().map(s -> s.millis(50)).toList())));
        Charts.save(context.results().resolve("submit-throughput.png"), "Submits done vs offered",
                "offered submits/s (log)", "done submits/s (log)", true, true, List.of(
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
        List<List<Object>> rows = RequestTimings.submitPathRows(routes);
        report.line("Where a submit's time went at %.0f/s, the highest rate sustained (each service's own HTTP timers "
                + "over that step, warm-up included):", rate);
        report.table(List.of("service", "served / called", "route", "count", "mean ms"), rows);
        report.put("breakdown_at_max_sustained", rows);
    }
}
