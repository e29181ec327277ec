package dev.i2v.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.i2v.bench.report.Report;
import dev.i2v.localstack.Ffprobe;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;
import dev.i2v.simulator.RunwaySimulator;
import dev.i2v.simulator.SimulatorSettings;

/**
 * A provider account's real limits held for the whole deployment: four workers share one Runway account that takes
 * N tasks at once and M creates a minute (the simulator counts every task open at one moment and every create call in
 * any 60 s, and refuses a create past M). The account's limits are set once, in job-service
 * ({@code i2v.jobs.provider-budgets}); each worker's own caps are set far above them, so only the deployment budget
 * can hold the fleet back. The full run first measures the baseline of before: the same limits set per worker
 * ({@code i2v.providers.runway.max-concurrent}, {@code creates-per-minute}), which four workers exceed fourfold.
 */
final class ProviderBudgets implements Scenario {

    private static final String KEY = "bench-runway-key";
    private static final String MODEL = "runway-gen4-turbo";

    @Override
    public String name() {
        return "provider-budgets";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int jobs = context.pick(120, 8);
        int concurrent = context.pick(5, 2);
        int perMinute = context.pick(30, 6);
        Duration task = context.pick(Duration.ofSeconds(10), Duration.ofSeconds(2));
        Path clip = Files.createTempFile("provider-output", ".mp4");
        Ffprobe.render6sTestPattern(clip, 160, 120);
        SimulatorSettings account = SimulatorSettings.defaults(Files.readAllBytes(clip)).withApiKeys(Set.of(KEY))
                .withTaskTime(task).withCreatesPerMinute(perMinute).withMaxConcurrent(concurrent);

        Report report = new Report("provider-budgets", "A provider account's limits held for the whole deployment");
        List<List<Object>> rows = new ArrayList<>();
        if (!context.quick()) {
            Run before = run(context, account, jobs, task, perWorker(concurrent, perMinute));
            rows.add(before.row("limits per worker (before)"));
            report.put("per_worker", before.facts());
        }
        Run budgeted = run(context, account, jobs, task, deploymentBudget(concurrent, perMinute));
        rows.add(budgeted.row("deployment budget in job-service"));
        report.put("budgeted", budgeted.facts());
        report.put("jobs", jobs).put("max_concurrent", concurrent).put("creates_per_minute", perMinute)
                .put("succeeded", budgeted.succeeded).put("terminal", budgeted.terminal)
                .put("max_open_at_provider", budgeted.maxOpen).put("max_creates_in_a_minute", budgeted.maxPerMinute)
                .put("refused_for_limits", budgeted.refused).put("prompts_with_one_task", budgeted.oneTask)
                .put("max_waiting_in_job_service", budgeted.maxWaiting);
        report.line("Four workers, `%s` on one Runway account (simulator) that takes %d tasks at once and %d creates a "
                + "minute, %d s tasks; %d jobs submitted at once by one account.", MODEL, concurrent, perMinute,
                task.toSeconds(), jobs);
        report.table(List.of("limits set", "succeeded / submitted", "most tasks open at the account",
                "most create calls in 60 s", "creates refused (429)", "jobs with one task", "most jobs waiting in "
                        + "job-service", "wall time"), rows);
        return report;
    }

    private static Run run(BenchContext context, SimulatorSettings account, int jobs, Duration task,
                           Map<String, String> limits) throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(account);
             LocalStack stack = context.startStack(4, settings(runway, limits))) {
            StackDatabase db = new StackDatabase(stack);
            BenchAccounts.Account owner = BenchAccounts.create(stack, 1).get(0);
            AtomicLong maxWaiting = new AtomicLong();
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = Thread.ofVirtual().start(() -> {
                while (sampling.get()) {
                    maxWaiting.accumulateAndGet(db.count("select count(*) from jobs.jobs where status = 'queued' "
                            + "and admitted_at is null"), Math::max);
                    sleepQuietly(Duration.ofMillis(200));
                }
            });
            long started = System.nanoTime();
            Submitter submitter = new Submitter(stack);
            submitter.submitAll(owner.key(), MODEL, "budget ", jobs, 4);
            List<String> ids = submitter.accepted();
            JobChecks checks = new JobChecks(db);
            long terminal = checks.awaitTerminal(ids, Duration.ofMinutes(3).plus(task.multipliedBy(jobs)));
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            sampling.set(false);
            sampler.join();
            long oneTask = 0;
            for (int i = 0; i < jobs; i++) {
                oneTask += runway.createdFor("budget " + i) == 1 ? 1 : 0;
            }
            return new Run(ids.size(), checks.succeeded(ids), terminal, runway.maxOpenSeen(),
                    runway.maxCreateCallsInAMinute(), runway.refusedForLimits(), oneTask, maxWaiting.get(), wall);
        }
    }

    /** Before this change: each worker held the account's limits on its own. */
    private static Map<String, String> perWorker(int concurrent, int perMinute) {
        return Map.of("i2v.providers.runway.max-concurrent", Integer.toString(concurrent),
                "i2v.providers.runway.creates-per-minute", Integer.toString(perMinute));
    }

    /** The account's limits set once for the deployment; the workers' own caps far above them. */
    private static Map<String, String> deploymentBudget(int concurrent, int perMinute) {
        return Map.of("i2v.jobs.provider-budgets.routes.runway.max-concurrent", Integer.toString(concurrent),
                "i2v.jobs.provider-budgets.routes.runway.creates-per-minute", Integer.toString(perMinute),
                "i2v.jobs.provider-budgets.routes.runway.models", MODEL,
                "i2v.providers.runway.max-concurrent", "100000",
                "i2v.providers.runway.creates-per-minute", "1000000");
    }

    private static Map<String, String> settings(RunwaySimulator runway, Map<String, String> limits) {
        Map<String, String> settings = new TreeMap<>(Map.of(
                "i2v.gateway.providers", "runway",
                "i2v.providers.runway.api-key", KEY,
                "i2v.providers.runway.base-url", runway.baseUrl(),
                "i2v.providers.poll.first", "500ms",
                "i2v.providers.poll.max", "1s"));
        settings.putAll(limits);
        return settings;
    }

    private static void sleepQuietly(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Run(int jobs, long succeeded, long terminal, int maxOpen, int maxPerMinute, int refused,
                       long oneTask, long maxWaiting, Duration wall) {

        List<Object> row(String limits) {
            return List.of(limits, succeeded + " / " + jobs, maxOpen, maxPerMinute, refused, oneTask + " of " + jobs,
                    maxWaiting, wall.toSeconds() + " s");
        }

        Map<String, Object> facts() {
            return Map.of("succeeded", succeeded, "terminal", terminal, "max_open_at_provider", maxOpen,
                    "max_creates_in_a_minute", maxPerMinute, "refused_for_limits", refused,
                    "prompts_with_one_task", oneTask, "max_waiting_in_job_service", maxWaiting,
                    "wall_seconds", wall.toSeconds());
        }
    }
}
