package dev.i2v.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.i2v.bench.report.Report;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * Fair turns between accounts: one worker (2 CPU slots) runs 0.2 s jobs; one account queues N of them, then ten
 * other accounts submit 3 each into the same lane. For each of the ten's jobs: its start delay (submit → start)
 * beside the same delay on the idle stack (measured first, in the same run), how many of the big account's jobs
 * started after it was submitted and before it started, and how many first-in-first-out would have put ahead of it
 * (the big account's jobs submitted before it and not started yet). The scheduler's window is set to 4 here (twice
 * the slots), so the bound is small and visible: window + one turn + the record a busy worker holds.
 */
final class Fairness implements Scenario {

    static final int WINDOW = 4;
    private static final String TASK = "sleep:0.2";

    @Override
    public String name() {
        return "fairness";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int backlog = context.pick(1000, 60);
        int others = context.pick(10, 4);
        int each = context.pick(3, 2);
        try (LocalStack stack = context.startStack(1, Map.of("i2v.jobs.scheduler.window", Integer.toString(WINDOW),
                "i2v.worker.slots", "2"))) {
            StackDatabase db = new StackDatabase(stack);
            JobChecks checks = new JobChecks(db);
            List<BenchAccounts.Account> accounts = BenchAccounts.create(stack, 1 + others);
            BenchAccounts.Account big = accounts.get(0);

            Submitter idle = new Submitter(stack);
            for (int i = 0; i < 5; i++) {
                idle.submit(accounts.get(1 + i % others).key(), TASK + " idle " + i);
                checks.awaitTerminal(idle.accepted(), Duration.ofSeconds(30));
            }
            List<Double> idleDelays = startDelays(db, idle.accepted());

            Submitter bigJobs = new Submitter(stack);
            bigJobs.submitAll(big.key(), "instant", TASK + " backlog ", backlog, 4);
            Map<String, String> accountOf = new HashMap<>();
            Submitter small = new Submitter(stack);
            for (int round = 0; round < each; round++) {
                for (int a = 1; a <= others; a++) {
                    int account = a;
                    int before = small.accepted().size();
                    small.submit(accounts.get(a).key(), TASK + " small " + a + "." + round);
                    small.accepted().subList(before, small.accepted().size())
                            .forEach(id -> accountOf.put(id, Integer.toString(account)));
                }
            }
            List<String> all = new ArrayList<>(bigJobs.accepted());
            all.addAll(small.accepted());
            long terminal = checks.awaitTerminal(all, Duration.ofSeconds(backlog / 5 + 120));
            long succeeded = checks.succeeded(all);

            List<Double> smallDelays = startDelays(db, small.accepted());
            List<Long> overtaking = new ArrayList<>();
            List<Long> fifoAhead = new ArrayList<>();
            String bigIds = JobChecks.in(bigJobs.accepted());
            for (String id : small.accepted()) {
                overtaking.add(db.count("select count(*) from jobs.jobs b, jobs.jobs s where s.id = '" + id + "' and "
                        + "b.id in (" + bigIds + ") and b.started_at > s.created_at and b.started_at < s.started_at"));
                fifoAhead.add(db.count("select count(*) from jobs.jobs b, jobs.jobs s where s.id = '" + id + "' and "
                        + "b.id in (" + bigIds + ") and b.created_at < s.created_at and b.started_at > s.created_at"));
            }
            String order = serviceOrder(db, bigJobs.accepted(), small.accepted(), accountOf);

            double idleP50 = ColdStart.median(idleDelays);
            double smallP50 = ColdStart.median(smallDelays);
            double smallMax = smallDelays.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            long worstOvertaking = overtaking.stream().mapToLong(Long::longValue).max().orElse(0);
            long leastFifo = fifoAhead.stream().mapToLong(Long::longValue).min().orElse(0);
            Report report = new Report("fairness", "Fair turns between accounts inside a lane");
            report.put("backlog", backlog).put("other_accounts", others).put("jobs_each", each)
                    .put("terminal", terminal).put("jobs", all.size()).put("succeeded", succeeded)
                    .put("window", WINDOW).put("idle_start_delay_p50_ms", idleP50)
                    .put("small_start_delay_p50_ms", smallP50).put("small_start_delay_max_ms", smallMax)
                    .put("backlog_jobs_started_before_a_small_job_max", worstOvertaking)
                    .put("backlog_jobs_fifo_would_put_first_min", leastFifo).put("service_order", order);
            report.line("One worker (2 slots), 0.2 s jobs, scheduler window %d. One account queued %d jobs; then %d "
                    + "other accounts submitted %d each into the same lane.", WINDOW, backlog, others, each);
            report.table(List.of("measure", "value"), List.of(
                    List.of("jobs succeeded / ended / submitted", succeeded + " / " + terminal + " / " + all.size()),
                    List.of("start delay on the idle stack, p50 (baseline)", String.format("%.0f ms", idleP50)),
                    List.of("the other accounts' jobs: start delay p50 / max", String.format("%.0f / %.0f ms (%.1f× / %.1f× idle)",
                            smallP50, smallMax, smallP50 / idleP50, smallMax / idleP50)),
                    List.of("backlog jobs that started after one of their jobs was submitted and before it started (max)",
                            worstOvertaking),
                    List.of("backlog jobs first-in-first-out would have started first (least over their jobs)", leastFifo),
                    List.of("who was served, in start order from the first of their jobs (B = the backlog's account)",
                            "`" + order + "`")));
            return report;
        }
    }

    /** Submit → start of each job, in ms (started_at is stamped by job-service at the worker's claim). */
    private static List<Double> startDelays(StackDatabase db, List<String> ids) {
        return db.rows("select (extract(epoch from started_at - created_at) * 1000)::bigint from jobs.jobs where id in ("
                + JobChecks.in(ids) + ") and started_at is not null").stream().map(Double::parseDouble).toList();
    }

    /** Accounts in start order, from the first start of a small account's job, 40 starts at most. */
    private static String serviceOrder(StackDatabase db, List<String> big, List<String> small,
                                       Map<String, String> accountOf) {
        List<String> rows = db.rows("select id from jobs.jobs where id in (" + JobChecks.in(big) + ", "
                + JobChecks.in(small) + ") and started_at >= (select min(started_at) from jobs.jobs where id in ("
                + JobChecks.in(small) + ")) order by started_at limit 40");
        StringBuilder order = new StringBuilder();
        for (String id : rows) {
            order.append(order.isEmpty() ? "" : " ").append(accountOf.getOrDefault(id, "B"));
        }
        return order.toString();
    }
}
