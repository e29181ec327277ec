package dev.i2v.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.HdrHistogram.Histogram;

import dev.i2v.bench.baseline.KafkaRoundTrip;
import dev.i2v.bench.baseline.PlainSql;
import dev.i2v.bench.load.OpenLoop;
import dev.i2v.bench.load.Step;
import dev.i2v.bench.probe.JobStages;
import dev.i2v.bench.probe.ProcessCpu;
import dev.i2v.bench.probe.RequestTimings;
import dev.i2v.bench.probe.ThreadCpu;
import dev.i2v.bench.probe.WorkEvents;
import dev.i2v.bench.report.Report;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * What the orchestration costs per job, with a model that takes no time ({@code instant}):
 * <ol>
 *   <li>latency from a submit leaving the client to a worker starting the job, on an idle stack (jobs one at
 *   a time), next to the floor of the same hops done bare — the submit's SQL plus one Kafka round trip;</li>
 *   <li>CPU milliseconds per job summed over every process (the four services, PostgreSQL, the broker), the
 *   stack's idle CPU subtracted, in two windows one after the other (the JIT compilers' share falls between
 *   them), and by thread group, next to the plain SQL of a whole job's life.</li>
 * </ol>
 */
final class Overhead implements Scenario {

    /** Jobs a second submitted while the CPU is measured: well below what the stack sustains. */
    private static final double CPU_RATE = 20;

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int sequential = context.pick(200, 10);
        int cpuJobs = context.pick(600, 20);
        Duration idle = context.pick(Duration.ofSeconds(20), Duration.ofSeconds(3));
        try (LocalStack stack = context.startStack(1, Map.of())) {
            BenchAccounts.Account account = BenchAccounts.create(stack, 1).get(0);
            Submitter submitter = new Submitter(stack);
            JobChecks checks = new JobChecks(new StackDatabase(stack));
            Report report = new Report("overhead", "Orchestration overhead (zero-latency model)");
            startLatency(report, stack, submitter, checks, account, sequential,
                    context.pick(Duration.ofSeconds(6), Duration.ofSeconds(1)));
            cpuPerJob(report, stack, submitter, checks, account, cpuJobs, idle);
            return report;
        }
    }

    private static void startLatency(Report report, LocalStack stack, Submitter submitter, JobChecks checks,
                                     BenchAccounts.Account account, int count, Duration warm) throws Exception {
        // warm code first, as a service that has run for a while has: a few hundred unrecorded jobs
        new OpenLoop(16, 10_000).run("warm-up", 50, Duration.ZERO, warm,
                n -> submitter.submit(account.key(), "warm-up"));
        checks.awaitTerminal(submitter.accepted(), Duration.ofMinutes(2));
        checks.awaitNoOpenHolds(Duration.ofMinutes(1));
        Map<String, Instant> sentAt = new LinkedHashMap<>();
        Histogram accepted = new Histogram(3);
        List<RequestTimings.Route> timersBefore = RequestTimings.ofStack(stack);
        for (int i = 0; i < count; i++) {
            Instant sent = Instant.now();
            long began = System.nanoTime();
            int before = submitter.accepted().size();
            if (submitter.submit(account.key(), "overhead") != 202) {
                throw new IllegalStateException("a submit on an idle stack was refused");
            }
            accepted.recordValue(System.nanoTime() - began);
            String id = submitter.accepted().get(before);
            sentAt.put(id, sent);
            checks.awaitTerminal(List.of(id), Duration.ofMinutes(1));
            Thread.sleep(50);
        }
        List<List<Object>> breakdown = RequestTimings.submitPathRows(
                RequestTimings.between(timersBefore, RequestTimings.ofStack(stack)));
        Map<String, Instant> starts = WorkEvents.starts(stack.kafkaBootstrapServers(), count);
        Histogram toStart = new Histogram(3);
        sentAt.forEach((id, sent) -> {
            Instant started = starts.get(id);
            if (started != null) {
                toStart.recordValue(Math.max(0, Duration.between(sent, started).toNanos()));
            }
        });
        Map<String, Histogram> stages = JobStages.of(stack, sentAt);
        Histogram floor = floor(stack, count);
        report.put("idle_jobs", count).put("start_latency_jobs_seen", toStart.getTotalCount())
                .put("submit_to_start_p50_ms", ms(toStart, 50)).put("submit_to_start_p99_ms", ms(toStart, 99))
                .put("submit_answer_p50_ms", ms(accepted, 50)).put("submit_answer_p99_ms", ms(accepted, 99))
                .put("floor_p50_ms", ms(floor, 50)).put("floor_p99_ms", ms(floor, 99))
                .put("start_ratio_p50", ms(toStart, 50) / ms(floor, 50));
        report.line("**Submit → worker start, idle stack** (after %d unrecorded warm-up jobs at 50/s, %d jobs one at a time; start = the worker's own "
                + "`job_started` time, stamped at its claim; floor = the submit's plain SQL + one Kafka produce/consume round trip on the "
                + "same broker, %d times):", warm.toSeconds() * 50, count, count);
        report.table(List.of("what", "p50 ms", "p99 ms", "max ms"), List.of(
                List.of("submit answered (202)", ms(accepted, 50), ms(accepted, 99), ms(accepted, 100)),
                List.of("submit → worker start", ms(toStart, 50), ms(toStart, 99), ms(toStart, 100)),
                List.of("floor: plain SQL + Kafka round trip", ms(floor, 50), ms(floor, 99), ms(floor, 100)),
                List.of("ratio start / floor", String.format("%.1f×", ms(toStart, 50) / ms(floor, 50)),
                        String.format("%.1f×", ms(toStart, 99) / ms(floor, 99)), "")));
        report.line("Stage by stage (the stamps job-service and the relay's producer write anyway; the dispatch record's "
                + "is in whole milliseconds):");
        List<List<Object>> stageRows = new ArrayList<>();
        stages.forEach((stage, h) -> stageRows.add(List.of(stage, ms(h, 50), ms(h, 99), ms(h, 100))));
        report.table(List.of("stage", "p50 ms", "p99 ms", "max ms"), stageRows);
        Map<String, Double> stageP50 = new LinkedHashMap<>();
        stages.forEach((stage, h) -> stageP50.put(stage, ms(h, 50)));
        report.put("idle_stage_p50_ms", stageP50);
        report.line("Where those submits' time went (each service's own HTTP timers over the %d jobs: a served route's mean "
                + "includes the calls it made; a called route's mean is the caller's wait for it):", count);
        report.table(List.of("service", "served / called", "route", "count", "mean ms"), breakdown);
        report.put("idle_submit_breakdown", breakdown);
    }

    private static Histogram floor(LocalStack stack, int count) throws Exception {
        try (PlainSql sql = PlainSql.connect(stack.jdbcUrl()); KafkaRoundTrip kafka = new KafkaRoundTrip(stack.kafkaBootstrapServers())) {
            sql.submit();
            kafka.once();
            return OpenLoop.sequential(count, Duration.ofMillis(20), n -> {
                sql.submit();
                kafka.once();
                return 200;
            });
        }
    }

    private static void cpuPerJob(Report report, LocalStack stack, Submitter submitter, JobChecks checks,
                                  BenchAccounts.Account account, int jobs, Duration idle) throws Exception {
        Map<String, Long> pids = stack.servicePids();
        Map<String, Double> idleBefore = ProcessCpu.snapshot(pids, stack.postgresDataDir());
        Thread.sleep(idle.toMillis());
        Map<String, Double> idleUse = ProcessCpu.difference(idleBefore, ProcessCpu.snapshot(pids, stack.postgresDataDir()));
        Map<String, Double> idlePerSecond = new LinkedHashMap<>();
        idleUse.forEach((process, ms) -> idlePerSecond.put(process, ms / (idle.toNanos() / 1e9)));

        // two windows one after the other: the JIT compilers still work through the first (warm-up of a few
        // hundred jobs is not a service that has run for hours); the second shows what is left once they calm down
        CpuWindow first = cpuWindow(stack, submitter, checks, account, jobs, idlePerSecond);
        CpuWindow next = cpuWindow(stack, submitter, checks, account, jobs, idlePerSecond);
        double baseline = plainSqlCpuPerJob(stack, pids, jobs);
        report.put("cpu_jobs", first.jobs()).put("cpu_not_accepted", first.notAccepted() + next.notAccepted())
                .put("cpu_ms_per_job", first.perJob()).put("cpu_ms_per_job_next", next.perJob())
                .put("idle_cpu_ms_per_second", idlePerSecond.get("total"))
                .put("plain_sql_cpu_ms_per_job", baseline).put("cpu_ratio", first.perJob().get("total") / baseline)
                .put("cpu_ratio_next", next.perJob().get("total") / baseline);
        report.put("idle_cpu_ms_per_second_by_process", idlePerSecond);
        List<List<Object>> rows = new ArrayList<>();
        first.perJob().forEach((process, ms) -> rows.add(List.of(process, String.format("%.2f", ms),
                String.format("%.2f", next.perJob().get(process)),
                String.format("%.1f", idlePerSecond.getOrDefault(process, Double.NaN)))));
        report.line("**CPU per job** (%d jobs at %.0f/s through the gateway to completion and capture, then %d more; "
                + "CPU time from /proc minus the same processes' idle use over the same time, %.0f ms/s; `broker+load` "
                + "is the launcher JVM that runs Kafka and the load generator):", first.jobs(), CPU_RATE, next.jobs(),
                idlePerSecond.get("total"));
        report.table(List.of("process", "CPU ms per job, first " + first.jobs(), "next " + next.jobs(),
                "idle CPU ms/s"), rows);
        report.line("Baseline: the plain SQL of a whole job's life (submit + start + success + capture), %d times: "
                + "**%.2f ms** CPU per job (PostgreSQL + client). Ratio: **%.1f×** (first), **%.1f×** (next).", jobs,
                baseline, first.perJob().get("total") / baseline, next.perJob().get("total") / baseline);
        threadGroups(report, first, next);
    }

    /** One window's CPU per job by process and by thread group. */
    private record CpuWindow(int jobs, long notAccepted, Map<String, Double> perJob,
                             Map<String, Map<String, Double>> threadsPerJob) {
    }

    private static CpuWindow cpuWindow(LocalStack stack, Submitter submitter, JobChecks checks,
                                       BenchAccounts.Account account, int jobs, Map<String, Double> idlePerSecond)
            throws Exception {
        Map<String, Long> pids = stack.servicePids();
        int already = submitter.accepted().size();
        Map<String, Map<String, Double>> threadsBefore = threadSnapshots(pids);
        Map<String, Double> before = ProcessCpu.snapshot(pids, stack.postgresDataDir());
        long began = System.nanoTime();
        Step step = new OpenLoop(16, 1000).run("cpu", CPU_RATE, Duration.ZERO,
                Duration.ofMillis((long) (jobs / CPU_RATE * 1000)), n -> submitter.submit(account.key(), "cpu"));
        List<String> ids = submitter.accepted().subList(already, submitter.accepted().size());
        checks.awaitTerminal(ids, Duration.ofMinutes(5));
        checks.awaitNoOpenHolds(Duration.ofMinutes(1));
        Map<String, Double> used = ProcessCpu.difference(before, ProcessCpu.snapshot(pids, stack.postgresDataDir()));
        double seconds = (System.nanoTime() - began) / 1e9;
        Map<String, Map<String, Double>> threadsAfter = threadSnapshots(pids);

        Map<String, Double> perJob = new LinkedHashMap<>();
        used.forEach((process, ms) -> perJob.put(process, (ms - idlePerSecond.get(process) * seconds) / ids.size()));
        Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
        threadsAfter.forEach((process, after) -> {
            Map<String, Double> groups = new LinkedHashMap<>();
            ThreadCpu.byGroup(threadsBefore.get(process), after).forEach((group, ms) -> groups.put(group, ms / ids.size()));
            threads.put(process, groups);
        });
        return new CpuWindow(ids.size(), step.failed(), perJob, threads);
    }

    private static Map<String, Map<String, Double>> threadSnapshots(Map<String, Long> pids) {
        Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
        pids.forEach((service, pid) -> threads.put(service, ThreadCpu.snapshot(pid)));
        return threads;
    }

    /** Each process's CPU over the same jobs by thread group: how much is JIT, collector, Kafka, requests. */
    private static void threadGroups(Report report, CpuWindow first, CpuWindow next) {
        Set<String> groups = new TreeSet<>();
        first.threadsPerJob().values().forEach(used -> groups.addAll(used.keySet()));
        next.threadsPerJob().values().forEach(used -> groups.addAll(used.keySet()));
        report.put("thread_cpu_ms_per_job", first.threadsPerJob()).put("thread_cpu_ms_per_job_next", next.threadsPerJob());
        List<String> header = new ArrayList<>(List.of("thread group"));
        header.addAll(first.threadsPerJob().keySet());
        List<List<Object>> rows = new ArrayList<>();
        for (String group : groups) {
            List<Object> row = new ArrayList<>(List.of(group));
            first.threadsPerJob().forEach((process, used) -> row.add(String.format("%.2f / %.2f",
                    used.getOrDefault(group, 0.0), next.threadsPerJob().get(process).getOrDefault(group, 0.0))));
            rows.add(row);
        }
        report.line("Each process's CPU by thread (`jcmd Thread.print`), ms per job, first window / next, idle use not "
                + "subtracted; requests, scheduled passes and most listeners run on virtual threads, counted on their "
                + "carriers:");
        report.table(header, rows);
    }

    private static double plainSqlCpuPerJob(LocalStack stack, Map<String, Long> pids, int jobs) throws Exception {
        try (PlainSql sql = PlainSql.connect(stack.jdbcUrl())) {
            sql.finish(sql.submit());
            Map<String, Double> before = ProcessCpu.snapshot(pids, stack.postgresDataDir());
            for (int i = 0; i < jobs; i++) {
                UUID job = sql.submit();
                sql.finish(job);
            }
            Map<String, Double> used = ProcessCpu.difference(before, ProcessCpu.snapshot(pids, stack.postgresDataDir()));
            return (used.get("postgresql") + used.get("broker+load")) / jobs;
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1e6;
    }
}
