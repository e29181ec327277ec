package dev.i2v.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.i2v.bench.baseline.PlainSql;
import dev.i2v.bench.load.OpenLoop;
import dev.i2v.bench.probe.MachineCpu;
import dev.i2v.bench.report.Charts;
import dev.i2v.bench.report.Report;
import dev.i2v.infra.FreePorts;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * Completed jobs per second with a model that takes no time: a backlog of jobs is queued while no worker
 * runs, then workers start and drain it; the rate is jobs over the time from the first start to the last
 * finish. Baseline in the same run: the plain SQL of the same jobs' start, success and capture from as many
 * connections as the workers have slots.
 */
final class Completions implements Scenario {

    static final int WORKERS = 2;
    static final int SLOTS = 4;

    @Override
    public String name() {
        return "completions";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int jobs = context.pick(2000, 40);
        try (LocalStack stack = context.startStack(0, Map.of())) {
            List<BenchAccounts.Account> accounts = BenchAccounts.create(stack, 8);
            Submitter submitter = new Submitter(stack);
            double fillRate = context.pick(100.0, 20.0);
            new OpenLoop(32, 100_000).run("fill", fillRate, Duration.ZERO, Duration.ofMillis((long) (jobs / fillRate * 1000)),
                    n -> submitter.submit(accounts.get((int) (n % accounts.size())).key(), "completions"));
            List<String> ids = submitter.accepted();
            StackDatabase db = new StackDatabase(stack);
            JobChecks checks = new JobChecks(db);
            long terminal;
            double coresBusy;
            String in = JobChecks.in(ids);
            try (MachineCpu cpu = MachineCpu.sampleEvery(250)) {
                for (int i = 0; i < WORKERS; i++) {
                    stack.addWorker(FreePorts.next(), Map.of("i2v.worker.slots", Integer.toString(SLOTS)));
                }
                terminal = checks.awaitTerminal(ids, Duration.ofMinutes(15));
                Thread.sleep(500); // a sample after the last finish
                List<String> span = db.rows("select (extract(epoch from min(started_at)) * 1000)::bigint, "
                        + "(extract(epoch from max(finished_at)) * 1000)::bigint from jobs.jobs where id in (" + in + ")");
                String[] millis = span.get(0).split(" ");
                coresBusy = cpu.coresBusy(Instant.ofEpochMilli(Long.parseLong(millis[0])),
                        Instant.ofEpochMilli(Long.parseLong(millis[1])));
            }
            double seconds = db.count("select (extract(epoch from max(finished_at) - min(started_at)) * 1000)::bigint "
                    + "from jobs.jobs where id in (" + in + ")") / 1000.0;
            long succeeded = db.count("select count(*) from jobs.jobs where status = 'succeeded' and id in (" + in + ")");
            double perSecond = succeeded / seconds;
            double baseline = plainSqlFinishes(stack, ids.size());

            int cpus = Runtime.getRuntime().availableProcessors();
            Report report = new Report("completions", "Completed jobs per second (zero-latency model)");
            report.put("jobs", ids.size()).put("terminal", terminal).put("succeeded", succeeded)
                    .put("workers", WORKERS).put("slots_per_worker", SLOTS).put("seconds", seconds)
                    .put("completed_per_second", perSecond).put("plain_sql_finishes_per_second", baseline)
                    .put("ratio", perSecond / baseline).put("cores_busy_while_draining", coresBusy)
                    .put("cpus", cpus);
            report.line("%d jobs queued while no worker ran, then %d workers × %d slots drained them.", ids.size(),
                    WORKERS, SLOTS);
            report.table(List.of("what", "jobs/s"), List.of(
                    List.of("completed through the system (first start → last finish)", perSecond),
                    List.of("baseline: plain SQL of start + success + capture, " + WORKERS * SLOTS + " connections", baseline),
                    List.of("ratio", String.format("%.3f×", perSecond / baseline))));
            report.line("While draining, the machine's CPUs were busy **%.2f of %d** on average (/proc/stat, every "
                    + "process): %s.", coresBusy, cpus, coresBusy >= 0.9 * cpus
                    ? "the drain is bounded by the CPU its jobs cost, not by waiting"
                    : "the drain left CPU unused, so waiting (hops, passes, polls) bounds it as much as CPU");
            chart(context, db, in);
            return report;
        }
    }

    private static void chart(BenchContext context, StackDatabase db, String in) throws IOException {
        List<Integer> second = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        for (String row : db.rows("select extract(epoch from date_trunc('second', finished_at) - (select date_trunc('second', "
                + "min(started_at)) from jobs.jobs where id in (" + in + ")))::int, count(*) from jobs.jobs where id in ("
                + in + ") and finished_at is not null group by 1 order by 1")) {
            String[] cells = row.split(" ");
            second.add(Integer.parseInt(cells[0]));
            done.add(Integer.parseInt(cells[1]));
        }
        Charts.save(context.results().resolve("completions.png"), "Jobs finished per second while draining a backlog",
                "seconds since the first start", "jobs finished", List.of(new Charts.Line("finished", second, done)));
    }

    /** Start, success and capture of {@code jobs} plain-SQL jobs (submitted first, untimed). */
    private static double plainSqlFinishes(LocalStack stack, int jobs) throws Exception {
        int clients = WORKERS * SLOTS;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<PlainSql> sql = new ArrayList<>();
            List<List<UUID>> queued = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                PlainSql client = PlainSql.connect(stack.jdbcUrl());
                sql.add(client);
                List<UUID> mine = new ArrayList<>();
                for (int i = c; i < jobs; i += clients) {
                    mine.add(client.submit());
                }
                queued.add(mine);
            }
            long began = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                PlainSql client = sql.get(c);
                List<UUID> mine = queued.get(c);
                done.add(pool.submit(() -> {
                    for (UUID job : mine) {
                        client.finish(job);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            for (PlainSql client : sql) {
                client.close();
            }
            return jobs / seconds;
        } finally {
            pool.shutdownNow();
        }
    }
}
