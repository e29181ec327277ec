package dev.i2v.bench;

import java.time.Duration;
import java.util.List;

import dev.i2v.bench.report.Report;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackClient;
import dev.i2v.localstack.StackDatabase;

/**
 * What the scheduler costs. Latency: an account whose plan runs one job at a time submits a row of short jobs; each
 * job's admission is timed from the end of the one before it (the slot it frees). Throughput: an account's N jobs
 * wait behind a parallel limit of one; the limit is lifted in the database and the passes admit them all — admissions
 * per second, beside the database's floor measured in the same run: one statement touching the same N job rows.
 */
final class SchedulerCost implements Scenario {

    private static final String PLAN = "bench-one-at-a-time";

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int backlog = context.pick(5000, 200);
        int row = context.pick(40, 6);
        try (LocalStack stack = context.startStack(1, java.util.Map.of("i2v.jobs.scheduler.window", "100000",
                "i2v.jobs.scheduler.scan", "5000"))) {
            StackDatabase db = new StackDatabase(stack);
            db.execute("insert into credits.plans (code, parallel_jobs, queued_jobs, watermark, max_resolution_p, "
                    + "max_duration_seconds, lanes, signup_grant, daily_grant, monthly_grant) values ('" + PLAN
                    + "', 1, 1000000, false, 1080, 10, 'standard', 0, 0, 0) on conflict (code) do nothing");
            List<BenchAccounts.Account> accounts = BenchAccounts.create(stack, 2);
            StackClient api = new StackClient(stack);
            for (BenchAccounts.Account account : accounts) {
                api.admin("PUT", "/admin/v1/accounts/" + account.id() + "/plan", "{\"plan\":\"" + PLAN + "\"}");
            }
            JobChecks checks = new JobChecks(db);

            Submitter oneByOne = new Submitter(stack);
            oneByOne.submitAll(accounts.get(0).key(), "local", "sleep:0.3 slot ", row, 1);
            checks.awaitTerminal(oneByOne.accepted(), Duration.ofSeconds(row * 5L + 60));
            List<Double> latencies = db.rows("""
                    select ms from (
                        select (extract(epoch from admitted_at - lag(finished_at) over (order by admitted_at)) * 1000)::bigint
                               as ms
                          from jobs.jobs where id in (%s)) l
                     where ms is not null""".formatted(JobChecks.in(oneByOne.accepted())))
                    .stream().map(Double::parseDouble).sorted().toList();

            Submitter waiting = new Submitter(stack);
            waiting.submitAll(accounts.get(1).key(), "local", "sleep:0.05 backlog ", backlog, 4);
            String ids = JobChecks.in(waiting.accepted());
            // each row's update stamps its own clock: first to last is the statement's work on the rows
            long floorMicros = db.count("""
                    with u as (update jobs.jobs set progress = progress where id in (%s) returning clock_timestamp() as at)
                    select (extract(epoch from max(at) - min(at)) * 1000000)::bigint from u""".formatted(ids));
            db.execute("update jobs.jobs set parallel_limit = null where id in (" + ids + ") and admitted_at is null");
            long lifted = db.count("select (extract(epoch from now()) * 1000)::bigint");
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (db.count("select count(*) from jobs.jobs where id in (" + ids + ") and admitted_at is null") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long notAdmitted = db.count("select count(*) from jobs.jobs where id in (" + ids
                    + ") and admitted_at is null");
            long lastAdmitted = db.count("select (extract(epoch from max(admitted_at)) * 1000)::bigint from jobs.jobs "
                    + "where id in (" + ids + ")");
            long admittedAfterLift = db.count("select count(*) from jobs.jobs where id in (" + ids + ") and "
                    + "admitted_at >= to_timestamp(" + lifted + " / 1000.0)");
            double seconds = Math.max(1, lastAdmitted - lifted) / 1000.0;
            double perSecond = admittedAfterLift / seconds;
            double floorPerSecond = backlog / (Math.max(1, floorMicros) / 1e6);

            Report report = new Report("scheduler", "What the scheduler costs");
            double p50 = percentile(latencies, 0.5);
            double p99 = percentile(latencies, 0.99);
            report.put("backlog", backlog).put("not_admitted", notAdmitted).put("admitted_after_lift", admittedAfterLift)
                    .put("admissions_per_second", perSecond).put("floor_rows_per_second", floorPerSecond)
                    .put("free_slot_to_admitted_p50_ms", p50).put("free_slot_to_admitted_p99_ms", p99)
                    .put("latency_samples", latencies.size());
            report.line("One worker; scheduler window 100,000, scan 5,000. Latency: %d jobs of an account whose plan "
                    + "runs one at a time. Throughput: %d jobs waiting behind a parallel limit of one, the limit lifted "
                    + "in the database.", row, backlog);
            report.table(List.of("measure", "value"), List.of(
                    List.of("free slot (the job before ended) → next job admitted, p50 / p99",
                            String.format("%.0f / %.0f ms (%d samples)", p50, p99, latencies.size())),
                    List.of("admissions per second (%d jobs, from the lift to the last admission)".formatted(
                            admittedAfterLift), String.format("%.0f /s", perSecond)),
                    List.of("database floor: one statement touching the same job rows (baseline)",
                            String.format("%.0f rows/s; an admission costs %.0f× a bare row update", floorPerSecond,
                                    floorPerSecond / perSecond))));
            return report;
        }
    }

    private static double percentile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
