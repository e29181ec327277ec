package dev.i2v.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.i2v.bench.probe.WorkerMemory;
import dev.i2v.bench.report.Report;
import dev.i2v.infra.FreePorts;
import dev.i2v.localstack.Ffprobe;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;
import dev.i2v.simulator.MiniMaxSimulator;
import dev.i2v.simulator.SimulatorSettings;

/**
 * One worker with default settings (`-Xmx512m`, 2 CPU slots) against MiniMax as its documentation says it behaves
 * (the simulator, billing counted): N jobs of `hailuo-02` are submitted, their tasks run long enough that all are
 * open at the provider at once, and the worker's live heap is read then (after a full GC) beside the same worker's
 * heap idle — the baseline. CPU per second while the tasks wait, billed tasks per job, and every job's end.
 * {@code -Dbench.providers.jobs=N} and {@code -Dbench.providers.task-seconds=S} change N and the task time,
 * {@code -Dbench.providers.clip=WxH} the result's size (how long draining takes); the busy worker's class histogram
 * goes to {@code providers-heap-histogram.txt} beside the report. Then the result pickup: how long after the provider
 * finished a task its job succeeds, by polling alone (the baseline) and with MiniMax's callbacks through the gateway.
 */
final class Providers implements Scenario {

    @Override
    public String name() {
        return "providers";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int jobs = Integer.getInteger("bench.providers.jobs", context.pick(5000, 60));
        Duration taskTime = Duration.ofSeconds(Long.getLong("bench.providers.task-seconds",
                context.pick(Duration.ofMinutes(6), Duration.ofSeconds(30)).toSeconds()));
        Path clip = Files.createTempFile("provider-output", ".mp4");
        // the clip's size only changes how long each result takes to watermark and store after the wait
        String[] size = System.getProperty("bench.providers.clip", context.pick("640x480", "320x240")).split("x");
        Ffprobe.render6sTestPattern(clip, Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(Files.readAllBytes(clip))
                .withApiKeys(Set.of("bench-minimax-key")).withTaskTime(taskTime)
                .withMaxConcurrent(100_000).withCreatesPerMinute(1_000_000));
             LocalStack stack = context.startStack(0, Map.of(
                     "i2v.gateway.providers", "minimax",
                     "i2v.providers.minimax.api-key", "bench-minimax-key",
                     "i2v.providers.minimax.base-url", minimax.baseUrl(),
                     // the account's limits are the simulator's; the worker's own cap must not be what binds
                     "i2v.providers.minimax.max-concurrent", "100000",
                     "i2v.providers.minimax.creates-per-minute", "1000000"))) {
            int port = FreePorts.next();
            int worker = stack.addWorker(port, Map.of());
            stack.awaitWorkerHealthy(worker, Duration.ofMinutes(2));
            long pid = stack.workerPid(worker);
            double idleHeap = WorkerMemory.liveHeapMib(pid, port);

            BenchAccounts.Account account = BenchAccounts.create(stack, 1).get(0);
            Submitter submitter = new Submitter(stack);
            JobChecks checks = new JobChecks(new StackDatabase(stack));
            long began = System.nanoTime();
            submitter.submitAll(account.key(), "hailuo-02", "a lighthouse at dusk ", jobs, 8);
            double submitSeconds = (System.nanoTime() - began) / 1e9;
            List<String> ids = submitter.accepted();
            long deadline = System.nanoTime() + taskTime.toNanos();
            while (minimax.maxRunningSeen() < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            int openAtOnce = minimax.maxRunningSeen();
            double busyHeap = WorkerMemory.liveHeapMib(pid, port);
            double rss = WorkerMemory.residentMib(pid);
            Files.createDirectories(context.results());
            Files.writeString(context.results().resolve("providers-heap-histogram.txt"),
                    WorkerMemory.histogram(pid, 40));
            long cpuBefore = cpuMillis(pid);
            Thread.sleep(10_000);
            double cpuPerSecond = (cpuMillis(pid) - cpuBefore) / 10.0;

            long terminal = checks.awaitTerminal(ids, taskTime.plusMinutes(10));
            long succeeded = checks.succeeded(ids);
            double billedPerJob = (double) minimax.billedTasks() / Math.max(1, succeeded);
            double kibPerJob = (busyHeap - idleHeap) * 1024 / Math.max(1, openAtOnce);

            stack.stopWorker(worker);
            Pickup polled = pickup(context, stack, clip, account, false);
            Pickup calledBack = pickup(context, stack, clip, account, true);

            Report report = new Report("providers", "One worker holding hosted-model tasks (MiniMax simulator)");
            report.put("jobs", ids.size()).put("open_at_once", openAtOnce).put("idle_live_heap_mib", idleHeap)
                    .put("busy_live_heap_mib", busyHeap).put("busy_rss_mib", rss)
                    .put("heap_kib_per_waiting_job", kibPerJob).put("cpu_ms_per_second_waiting", cpuPerSecond)
                    .put("billed_tasks_per_job", billedPerJob).put("succeeded", succeeded).put("terminal", terminal)
                    .put("submit_seconds", submitSeconds)
                    .put("pickup_polling_p50_ms", polled.p50()).put("pickup_polling_p99_ms", polled.p99())
                    .put("pickup_callbacks_p50_ms", calledBack.p50()).put("pickup_callbacks_p99_ms", calledBack.p99())
                    .put("pickup_jobs", polled.jobs() + calledBack.jobs())
                    .put("pickup_billed_tasks_per_job", (polled.billedPerJob() + calledBack.billedPerJob()) / 2);
            report.line("One worker with default settings (`-Xmx512m`, serial GC, 2 CPU slots); %d `hailuo-02` jobs "
                    + "submitted in %.0f s; MiniMax tasks of %d s, so all are open at once.", ids.size(), submitSeconds,
                    taskTime.toSeconds());
            report.table(List.of("measure", "value"), List.of(
                    List.of("tasks open at the provider at once (simulator's count)", openAtOnce),
                    List.of("worker live heap idle (baseline), MiB", String.format("%.1f", idleHeap)),
                    List.of("worker live heap with the tasks open, MiB", String.format("%.1f", busyHeap)),
                    List.of("heap per waiting job, KiB", String.format("%.1f", kibPerJob)),
                    List.of("worker RSS with the tasks open, MiB", String.format("%.0f", rss)),
                    List.of("worker CPU while waiting, ms per s", String.format("%.0f", cpuPerSecond)),
                    List.of("billed tasks per succeeded job", String.format("%.3f", billedPerJob)),
                    List.of("jobs succeeded / ended / submitted", succeeded + " / " + terminal + " / " + ids.size())));
            report.line("Result pickup: from the moment the simulator finished a task to the job's success (download, "
                    + "watermark, store and report included), %d jobs each way with %d s tasks, one at a time on a fresh "
                    + "worker: polling alone (5 s growing to 30 s) against MiniMax's callbacks through the gateway.",
                    polled.jobs(), PICKUP_TASK.apply(context).toSeconds());
            report.table(List.of("pickup", "p50 ms", "p99 ms", "billed tasks per job"), List.of(
                    List.of("polling alone (baseline)", polled.p50(), polled.p99(), String.format("%.3f", polled.billedPerJob())),
                    List.of("callbacks", calledBack.p50(), calledBack.p99(), String.format("%.3f", calledBack.billedPerJob()))));
            return report;
        }
    }

    private static final java.util.function.Function<BenchContext, Duration> PICKUP_TASK =
            context -> context.pick(Duration.ofSeconds(20), Duration.ofSeconds(6));

    /** Pickup delays of one way of learning that a task finished: p50/p99 in ms, and tasks billed per job. */
    record Pickup(int jobs, long p50, long p99, double billedPerJob) {
    }

    /**
     * Jobs one after another (so each finishes at its own point of the poll schedule) on a fresh worker, against a
     * simulator of their own whose finish times are compared with the jobs' {@code finished_at}.
     */
    private static Pickup pickup(BenchContext context, LocalStack stack, Path clip, BenchAccounts.Account account,
                                 boolean callbacks) throws Exception {
        int jobs = context.pick(40, 5);
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(Files.readAllBytes(clip))
                .withApiKeys(Set.of("bench-minimax-key")).withTaskTime(PICKUP_TASK.apply(context)))) {
            Map<String, String> settings = new java.util.HashMap<>(Map.of(
                    "i2v.providers.minimax.base-url", minimax.baseUrl(),
                    "i2v.providers.poll.first", "5s", "i2v.providers.poll.max", "30s"));
            if (callbacks) {
                settings.put("i2v.providers.callbacks.base-url", "http://127.0.0.1:" + stack.config().gatewayPort());
            }
            int worker = stack.addWorker(FreePorts.next(), settings);
            stack.awaitWorkerHealthy(worker, Duration.ofMinutes(2));
            Submitter submitter = new Submitter(stack);
            String prefix = "pickup " + (callbacks ? "callbacks " : "polling ");
            for (int i = 0; i < jobs; i++) {
                submitter.submit(account.key(), prefix + i, "hailuo-02");
                Thread.sleep(PICKUP_TASK.apply(context).toMillis() / 7); // spread the finishes over the poll schedule
            }
            List<String> ids = submitter.accepted();
            new JobChecks(new StackDatabase(stack)).awaitTerminal(ids, PICKUP_TASK.apply(context).plusMinutes(3));
            Map<String, java.time.Instant> finished = minimax.finishedByPrompt(prefix);
            org.HdrHistogram.Histogram delays = new org.HdrHistogram.Histogram(3);
            for (String row : new StackDatabase(stack).rows("select (extract(epoch from finished_at) * 1000)::bigint, "
                    + "prompt from jobs.jobs where status = 'succeeded' and id in (" + JobChecks.in(ids) + ")")) {
                int space = row.indexOf(' ');
                java.time.Instant end = finished.get(row.substring(space + 1));
                if (end != null) {
                    delays.recordValue(Math.max(0, Long.parseLong(row.substring(0, space)) - end.toEpochMilli()));
                }
            }
            stack.stopWorker(worker);
            return new Pickup((int) delays.getTotalCount(), delays.getValueAtPercentile(50),
                    delays.getValueAtPercentile(99), (double) minimax.billedTasks() / Math.max(1, delays.getTotalCount()));
        }
    }

    /** utime + stime of the process, in ms (100 ticks a second). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }
}
