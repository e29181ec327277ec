package dev.i2v.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.i2v.bench.probe.WorkerMemory;
import dev.i2v.bench.report.Report;
import dev.i2v.infra.FreePorts;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * In-flight capacity of one worker with a model that takes 10 s: for several slot counts, twice as many jobs
 * as slots are queued and the most running at once is counted, with the worker's live heap (after a full
 * collection) and resident memory at that moment. Baseline: the same worker's live heap idle.
 */
final class Capacity implements Scenario {

    @Override
    public String name() {
        return "capacity";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        List<Integer> levels = context.pick(List.of(8, 32, 64), List.of(4));
        try (LocalStack stack = context.startStack(0, Map.of())) {
            BenchAccounts.Account account = BenchAccounts.create(stack, 1).get(0);
            Submitter submitter = new Submitter(stack);
            JobChecks checks = new JobChecks(new StackDatabase(stack));
            List<Map<String, Object>> results = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            for (int slots : levels) {
                Map<String, Object> r = level(stack, submitter, checks, account, slots);
                results.add(r);
                rows.add(List.of(slots, r.get("max_running"), r.get("idle_live_heap_mib"), r.get("busy_live_heap_mib"),
                        r.get("busy_rss_mib"), r.get("seconds_for_all")));
            }
            Report report = new Report("capacity", "In-flight capacity of one worker (10 s model)");
            report.put("levels", results);
            Map<String, Object> first = results.get(0);
            Map<String, Object> last = results.get(results.size() - 1);
            double perSlot = levels.size() < 2 ? Double.NaN
                    : ((double) last.get("idle_live_heap_mib") - (double) first.get("idle_live_heap_mib")) * 1024
                    / (levels.get(levels.size() - 1) - levels.get(0));
            double perJob = results.stream().mapToDouble(r -> ((double) r.get("busy_live_heap_mib")
                    - (double) r.get("idle_live_heap_mib")) * 1024 / Math.max(1, ((Number) r.get("max_running")).longValue()))
                    .average().orElse(Double.NaN);
            report.put("idle_heap_kib_per_slot", perSlot).put("heap_kib_per_running_job", perJob);
            report.line("One worker process (`-Xmx512m`, serial GC), jobs of the `instant` model sleeping 10 s, twice "
                    + "as many as slots queued at once. Heap figures are live heap after a full GC (jcmd GC.run).");
            report.table(List.of("slots", "most running at once", "idle live heap MiB", "busy live heap MiB",
                    "busy RSS MiB", "seconds for 2×slots jobs"), rows);
            report.line("Baseline: the same worker idle at each slot count. Live heap grows by **%.0f KiB per slot** while "
                    + "idle (its three share consumers and their buffers; slope from the smallest to the largest level); "
                    + "a running 10 s job adds **%.0f KiB** on average (busy − idle, within measurement noise when near 0). "
                    + "64 slots is the most `i2v.worker.slots` allows; more in-flight jobs means more worker processes. "
                    + "2×slots jobs of 10 s need about 20 s when every slot is used; 30 s means a record waited a whole "
                    + "job in a busy slot's consumer (the stranding issue 19 removes).",
                    perSlot, perJob);
            return report;
        }
    }

    private static Map<String, Object> level(LocalStack stack, Submitter submitter, JobChecks checks,
                                             BenchAccounts.Account account, int slots) throws Exception {
        int port = FreePorts.next();
        int worker = stack.addWorker(port, Map.of("i2v.worker.slots", Integer.toString(slots)));
        stack.awaitWorkerHealthy(worker, Duration.ofMinutes(2));
        long pid = stack.workerPid(worker);
        int warm = submitter.accepted().size();
        submitter.submit(account.key(), "warm-up");
        checks.awaitTerminal(submitter.accepted().subList(warm, warm + 1), Duration.ofMinutes(1));
        double idleHeap = WorkerMemory.liveHeapMib(pid, port);

        int first = submitter.accepted().size();
        for (int i = 0; i < 2 * slots; i++) {
            submitter.submit(account.key(), "sleep:10");
        }
        List<String> ids = submitter.accepted().subList(first, submitter.accepted().size());
        long began = System.nanoTime();
        long maxRunning = 0;
        while (System.nanoTime() - began < Duration.ofSeconds(9).toNanos() && maxRunning < slots) {
            maxRunning = Math.max(maxRunning, checks.running(ids));
            Thread.sleep(200);
        }
        double busyHeap = WorkerMemory.liveHeapMib(pid, port);
        double rss = WorkerMemory.residentMib(pid);
        maxRunning = Math.max(maxRunning, checks.running(ids));
        checks.awaitTerminal(ids, Duration.ofMinutes(3));
        long succeeded = checks.succeeded(ids);
        double seconds = (System.nanoTime() - began) / 1e9;
        stack.stopWorker(worker);

        Map<String, Object> r = new LinkedHashMap<>();
        r.put("slots", slots);
        r.put("max_running", maxRunning);
        r.put("idle_live_heap_mib", idleHeap);
        r.put("busy_live_heap_mib", busyHeap);
        r.put("busy_rss_mib", rss);
        r.put("seconds_for_all", seconds);
        r.put("succeeded", succeeded);
        return r;
    }
}
