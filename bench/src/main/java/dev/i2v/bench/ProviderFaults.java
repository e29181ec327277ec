package dev.i2v.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import dev.i2v.bench.report.Report;
import dev.i2v.localstack.ApiCall;
import dev.i2v.localstack.Ffprobe;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;
import dev.i2v.simulator.RunwaySimulator;
import dev.i2v.simulator.SimulatorSettings;

/**
 * Hosted jobs under faults, every provider task counted: three workers hold N Runway jobs (two Runway accounts as
 * the model's two routes, each a simulator that bills finished tasks); while the tasks run, the worker holding the
 * most jobs is killed (SIGKILL) and some of its jobs cancelled at once (their tasks are cancelled by another worker),
 * the next busiest is frozen past its lease, every tenth job is cancelled, and the
 * first account goes down for a while — during which a second batch is submitted. Then: every job not cancelled
 * succeeded and was charged once, each job's prompt has exactly one task across both accounts, billed tasks per
 * succeeded job is 1.000, a cancelled job's task was cancelled at Runway and billed nothing, and no job of the
 * second batch went to the account that was down.
 */
final class ProviderFaults implements Scenario {

    private static final String KEY = "bench-runway-key";
    private static final String MODEL = "runway-gen4-turbo";

    @Override
    public String name() {
        return "provider-faults";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int jobs = context.pick(300, 12);
        int secondBatch = context.pick(30, 3);
        Duration task = context.pick(Duration.ofSeconds(90), Duration.ofSeconds(30));
        Path clip = Files.createTempFile("provider-output", ".mp4");
        Ffprobe.render6sTestPattern(clip, 160, 120);
        SimulatorSettings runway = SimulatorSettings.defaults(Files.readAllBytes(clip)).withApiKeys(Set.of(KEY))
                .withTaskTime(task);
        try (RunwaySimulator first = RunwaySimulator.start(runway);
             RunwaySimulator second = RunwaySimulator.start(runway);
             LocalStack stack = context.startStack(3, settings(first, second))) {
            StackDatabase db = new StackDatabase(stack);
            BenchAccounts.Account account = BenchAccounts.create(stack, 1).get(0);
            Submitter submitter = new Submitter(stack);
            submitter.submitAll(account.key(), MODEL, "faults ", jobs, 4);
            List<String> firstIds = submitter.accepted();
            await(() -> first.createdTasks() + second.createdTasks() >= firstIds.size(), task,
                    "the provider tasks were not all created");

            // cancels while every worker lives: each worker cancels the task of the job it follows
            List<String> cancelled = cancelEveryTenth(stack, account, firstIds);
            await(() -> first.cancelledTasks().size() + second.cancelledTasks().size() >= cancelled.size(),
                    Duration.ofSeconds(30), "the cancelled jobs' tasks were not all cancelled at Runway");
            int killed = busiestWorker(stack, db, -1);
            List<String> killedIds = jobsOf(stack, db, killed);
            long killedJobs = killedIds.size();
            stack.killWorker(killed);
            // and cancels of jobs whose worker was just killed, before their lease runs out: the fleet cancels them
            Map<String, String> deadWorkersTasks = tasksOf(db, killedIds.subList(0, Math.min(killedIds.size(),
                    context.pick(10, 2))));
            for (String id : deadWorkersTasks.keySet()) {
                if (ApiCall.to(stack, "POST", "/v1/videos/" + id + "/cancel").key(account.key()).send().status() / 100
                        == 2) {
                    cancelled.add(id);
                }
            }
            // a record on a partition the dead worker held waits for its session (10 s) to end
            await(() -> cancelledAtRunway(first, second).containsAll(deadWorkersTasks.values()),
                    Duration.ofSeconds(60), "the tasks of jobs cancelled while their worker was dead were not all "
                            + "cancelled at Runway");
            int frozen = busiestWorker(stack, db, killed);
            long frozenJobs = jobsOf(stack, db, frozen).size();
            stack.freezeWorker(frozen);
            Thread.sleep(15_000); // the local stack's leases last 10 s
            stack.thawWorker(frozen);
            first.outage(true);
            int before = submitter.accepted().size();
            submitter.submitAll(account.key(), MODEL, "failover ", secondBatch, 4);
            List<String> secondIds = submitter.accepted().subList(before, submitter.accepted().size());
            Thread.sleep(20_000); // the first account's outage, while its tasks run on
            first.outage(false);

            List<String> all = submitter.accepted();
            JobChecks checks = new JobChecks(db);
            long terminal = checks.awaitTerminal(all, task.multipliedBy(3).plusMinutes(5));
            long openHolds = checks.awaitNoOpenHolds(Duration.ofMinutes(2));
            long succeeded = checks.succeeded(all);
            long cancelledJobs = db.count("select count(*) from jobs.jobs where status = 'cancelled' and id in ("
                    + JobChecks.in(all) + ")");
            long cancelledWithOutput = db.count("select count(*) from jobs.jobs where status = 'cancelled' and output "
                    + "is not null and id in (" + JobChecks.in(all) + ")");
            long captures = db.count("select count(*) from credits.ledger_entries where kind = 'capture' and job_id in ("
                    + JobChecks.in(all) + ")");
            long prompts = jobs + secondBatch;
            long promptsWithOneTask = 0;
            for (int i = 0; i < jobs; i++) {
                promptsWithOneTask += first.createdFor("faults " + i) + second.createdFor("faults " + i) == 1 ? 1 : 0;
            }
            long secondBatchAtFirst = 0;
            for (int i = 0; i < secondBatch; i++) {
                promptsWithOneTask += first.createdFor("failover " + i) + second.createdFor("failover " + i) == 1 ? 1 : 0;
                secondBatchAtFirst += first.createdFor("failover " + i);
            }
            int billed = first.billedTasks() + second.billedTasks();
            double billedPerJob = (double) billed / Math.max(1, succeeded);

            Report report = new Report("provider-faults", "Hosted jobs under faults: every provider task paid once");
            report.put("jobs", all.size()).put("succeeded", succeeded).put("cancelled", cancelledJobs)
                    .put("terminal", terminal).put("open_holds", openHolds).put("captures", captures)
                    .put("prompts_with_one_task", promptsWithOneTask).put("prompts", prompts)
                    .put("billed_tasks", billed).put("billed_tasks_per_job", billedPerJob)
                    .put("cancel_requests", cancelled.size())
                    .put("cancelled_at_provider", first.cancelledTasks().size() + second.cancelledTasks().size())
                    .put("cancelled_with_output", cancelledWithOutput)
                    .put("second_batch_at_down_account", secondBatchAtFirst).put("killed_worker_jobs", killedJobs)
                    .put("frozen_worker_jobs", frozenJobs)
                    .put("cancelled_while_worker_dead", deadWorkersTasks.size());
            report.line("Three workers, `%s` routed to two Runway accounts (simulators, %d s tasks); %d jobs, then "
                    + "while their tasks ran: a cancel of every tenth job, SIGKILL of the worker holding the most and a cancel of "
                    + "some of its jobs before their lease ran out, a freeze "
                    + "of the next past its lease, and the first account down for 20 s while %d more jobs "
                    + "were submitted.", MODEL, task.toSeconds(), jobs, secondBatch);
            report.table(List.of("measure", "value"), List.of(
                    List.of("jobs succeeded / cancelled / ended / submitted",
                            succeeded + " / " + cancelledJobs + " / " + terminal + " / " + all.size()),
                    List.of("jobs with exactly one provider task (both accounts)", promptsWithOneTask + " of " + prompts),
                    List.of("billed tasks per succeeded job", String.format("%.3f", billedPerJob)),
                    List.of("captures (charged jobs)", captures),
                    List.of("cancel requests → tasks cancelled at Runway", cancelled.size() + " → "
                            + (first.cancelledTasks().size() + second.cancelledTasks().size())),
                    List.of("cancelled jobs with a stored result", cancelledWithOutput),
                    List.of("jobs held by the killed / the frozen worker", killedJobs + " / " + frozenJobs),
                    List.of("of those, cancelled right after the kill (tasks cancelled by another worker)",
                            deadWorkersTasks.size()),
                    List.of("second-batch tasks at the account that was down", secondBatchAtFirst),
                    List.of("holds still open", openHolds)));
            return report;
        }
    }

    private static Map<String, String> settings(RunwaySimulator first, RunwaySimulator second) {
        Map<String, String> settings = new TreeMap<>(Map.of(
                "i2v.gateway.providers", "runway",
                "i2v.providers.runway.api-key", KEY,
                "i2v.providers.runway.base-url", first.baseUrl(),
                "i2v.providers.runway-b.adapter", "runway",
                "i2v.providers.runway-b.api-key", KEY,
                "i2v.providers.runway-b.base-url", second.baseUrl(),
                "i2v.models." + MODEL + ".routes[0].account", "runway",
                "i2v.models." + MODEL + ".routes[1].account", "runway-b",
                "i2v.providers.poll.first", "1s",
                "i2v.providers.poll.max", "3s"));
        for (String account : List.of("runway", "runway-b")) {
            // the accounts' limits are the simulators'; the workers' own caps must not be what binds
            settings.put("i2v.providers." + account + ".max-concurrent", "100000");
            settings.put("i2v.providers." + account + ".creates-per-minute", "1000000");
        }
        settings.put("i2v.providers.breaker.failures", "3");
        return settings;
    }

    /** The worker holding the most running jobs now, from the job rows (not {@code except}); fails if none does. */
    private static int busiestWorker(LocalStack stack, StackDatabase db, int except) {
        for (String row : db.rows("select lease_worker, count(*) from jobs.jobs where status = 'running' and "
                + "lease_worker is not null group by lease_worker order by count(*) desc")) {
            int index = stack.workerIndexOf(row.substring(0, row.indexOf(' ')));
            if (index >= 0 && index != except) {
                return index;
            }
        }
        throw new IllegalStateException("no worker holds a running job: the fault cannot be set up");
    }

    /** The running jobs whose lease the worker holds, from the job rows. */
    private static List<String> jobsOf(LocalStack stack, StackDatabase db, int worker) {
        return db.rows("select id, lease_worker from jobs.jobs where status = 'running' and lease_worker is not null")
                .stream().map(row -> row.split(" ", 2))
                .filter(row -> stack.workerIndexOf(row[1]) == worker).map(row -> row[0]).toList();
    }

    /** Job id → its provider task id, for those of the jobs that have one recorded. */
    private static Map<String, String> tasksOf(StackDatabase db, List<String> ids) {
        Map<String, String> tasks = new TreeMap<>();
        if (!ids.isEmpty()) {
            db.rows("select id, provider_task_id from jobs.jobs where provider_task_id is not null and id in ("
                    + JobChecks.in(ids) + ")").stream().map(row -> row.split(" ", 2))
                    .forEach(row -> tasks.put(row[0], row[1]));
        }
        return tasks;
    }

    private static Set<String> cancelledAtRunway(RunwaySimulator first, RunwaySimulator second) {
        Set<String> cancelled = new HashSet<>(first.cancelledTasks());
        cancelled.addAll(second.cancelledTasks());
        return cancelled;
    }

    private static List<String> cancelEveryTenth(LocalStack stack, BenchAccounts.Account account, List<String> ids) {
        List<String> cancelled = new ArrayList<>();
        for (int i = 3; i < ids.size(); i += 10) {
            int status = ApiCall.to(stack, "POST", "/v1/videos/" + ids.get(i) + "/cancel").key(account.key()).send()
                    .status();
            if (status / 100 == 2) {
                cancelled.add(ids.get(i));
            }
        }
        return cancelled;
    }

    /** Waits for what a fault needs set up; fails, saying what, when it does not happen in time. */
    private static void await(BooleanSupplier condition, Duration timeout, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(failure + " within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
