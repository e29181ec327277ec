package dev.i2v.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

import org.HdrHistogram.Histogram;

import dev.i2v.bench.load.OpenLoop;
import dev.i2v.bench.load.Step;
import dev.i2v.bench.report.Charts;
import dev.i2v.bench.report.Report;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackClient;
import dev.i2v.localstack.StackDatabase;
import tools.jackson.databind.JsonNode;

/**
 * The long fault suite: under steady open-loop submit load (jobs of 0.2–1 s), each fault in turn — a worker
 * SIGKILLed, a worker frozen (SIGSTOP) past its 15 s lock, the broker restarted, PostgreSQL restarted — on
 * one stack with two workers. Afterwards, for each fault's jobs, the total-queue check (every accepted job
 * finished, none lost, none finished or charged twice, no job left unfinished in the database) and the ledger
 * audit (no open hold, balances equal to the journal and the lots).
 */
final class FaultSuite implements Scenario {

    /**
     * A fault and how to cause it; it runs on its own thread while the load goes on. A worker fault hits the
     * worker that runs a job at that moment (found from the job's row), never a worker chosen by index.
     */
    record Fault(String name, boolean onAWorker, BiConsumer<LocalStack, Integer> inject) {
    }

    static final List<Fault> FAULTS = List.of(
            new Fault("worker SIGKILL", true, LocalStack::killWorker),
            new Fault("worker frozen 25 s (past its 15 s lock)", true, (stack, worker) -> {
                stack.freezeWorker(worker);
                try {
                    sleep(Duration.ofSeconds(25));
                } finally {
                    stack.thawWorker(worker);
                }
            }),
            new Fault("broker restart", false, (stack, none) -> stack.restartKafka()),
            new Fault("PostgreSQL restart", false, (stack, none) -> stack.restartPostgres()));

    @Override
    public String name() {
        return "faults";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        Duration load = context.pick(Duration.ofSeconds(60), Duration.ofSeconds(15));
        double rate = context.pick(8.0, 4.0);
        Report report = new Report("faults", "Fault suite under load");
        try (LocalStack stack = context.startStack(2, Map.of("i2v.worker.slots", "4"))) {
            StackClient api = new StackClient(stack);
            StackDatabase db = new StackDatabase(stack);
            List<Map<String, Object>> results = new ArrayList<>();
            List<List<Object>> rows = new ArrayList<>();
            List<Charts.Line> lines = new ArrayList<>();
            for (Fault fault : FAULTS) {
                Map<String, Object> r = runFault(stack, api, db, fault, load, rate, lines);
                results.add(r);
                rows.add(List.of(fault.name(), r.get("accepted"), r.get("refused"), r.get("terminal"), r.get("lost"),
                        r.get("unfinished_in_db"), r.get("duplicated"), r.get("open_holds"), r.get("audit_drift"),
                        r.get("p99_ms"), r.get("max_ms"), r.get("outcomes")));
            }
            report.put("load_seconds_per_fault", load.toSeconds()).put("rate_per_second", rate).put("faults", results);
            boolean clean = results.stream().allMatch(r -> (boolean) r.get("set_up") && (long) r.get("lost") == 0 && (long) r.get("duplicated") == 0
                    && (long) r.get("open_holds") == 0 && (int) r.get("audit_drift") == 0
                    && (long) r.get("unfinished_in_db") == 0);
            report.put("all_consistent", clean);
            report.line("Two workers × 4 slots; %.0f submits/s open loop for %d s per fault (jobs of 0.2–1 s), the fault "
                    + "injected a third of the way in; then every accepted job awaited and the books checked.", rate,
                    load.toSeconds());
            report.table(List.of("fault", "accepted", "refused (status ×n)", "finished", "lost", "unfinished in DB",
                    "finished/charged twice", "open holds", "audit drift", "submit p99 ms", "submit max ms", "outcomes"), rows);
            report.line("All consistent: **%s**.", clean ? "yes" : "NO");
            Charts.save(context.results().resolve("faults-latency.png"), "Submit p99 by second under faults (fault at "
                    + load.toSeconds() / 3 + " s)", "second of the load", "p99 ms (log)", false, true, lines);
        }
        return report;
    }

    /** The index of a worker that runs a job now, from the job rows; -1 when none did within {@code timeout}. */
    static int workerRunningAJob(LocalStack stack, StackDatabase db, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String workerId : db.rows("select worker_id from jobs.jobs where status = 'running' order by started_at")) {
                int index = stack.workerIndexOf(workerId);
                if (index >= 0) {
                    return index;
                }
            }
            sleep(Duration.ofMillis(50));
        }
        return -1;
    }

    private static Map<String, Object> runFault(LocalStack stack, StackClient api, StackDatabase db, Fault fault,
                                                Duration load, double rate, List<Charts.Line> lines) throws Exception {
        BenchAccounts.Account account = BenchAccounts.create(stack, 1).get(0);
        Submitter submitter = new Submitter(stack);
        JobChecks checks = new JobChecks(db);
        boolean[] setUp = {!fault.onAWorker()};
        Thread injector = new Thread(() -> {
            sleep(load.dividedBy(3));
            int worker = fault.onAWorker() ? workerRunningAJob(stack, db, Duration.ofSeconds(10)) : -1;
            if (fault.onAWorker() && worker < 0) {
                System.out.println("fault suite: NOT SET UP: no worker of the stack ran a job for " + fault.name());
                return;
            }
            setUp[0] = true;
            System.out.println("fault suite: injecting " + fault.name() + (worker < 0 ? "" : " on worker " + worker));
            fault.inject().accept(stack, worker);
        }, "fault-" + fault.name());
        injector.start();
        Map<Integer, Long> refused = new ConcurrentHashMap<>();
        Step step = new OpenLoop(64, 100_000).run("faults", rate, Duration.ZERO, load, n -> {
            String prompt = String.format(Locale.ROOT, "sleep:%.1f", ThreadLocalRandom.current().nextDouble(0.2, 1.0));
            int status = submitter.submit(account.key(), prompt);
            if (status != 202) {
                refused.merge(status, 1L, Long::sum);
            }
            return status;
        });
        injector.join();
        List<String> accepted = submitter.accepted();
        long terminal = checks.awaitTerminal(accepted, Duration.ofMinutes(5));
        long openHolds = checks.awaitNoOpenHolds(Duration.ofMinutes(2));
        String acct = "'" + account.id() + "'";
        long unfinished = db.count("select count(*) from jobs.jobs where account_id = " + acct
                + " and status not in ('succeeded', 'failed', 'cancelled')");
        long created = db.count("select count(*) from jobs.jobs where account_id = " + acct);
        long duplicated = db.count("select count(*) from (select job_id from credits.ledger_entries where kind in "
                + "('capture', 'release') and account_id = " + acct + " group by job_id having count(*) > 1) twice")
                + db.count("select count(*) from (select t.job_id from jobs.job_transitions t join jobs.jobs j on j.id = "
                + "t.job_id where j.account_id = " + acct + " and t.to_status in ('succeeded', 'failed', 'cancelled') "
                + "group by t.job_id having count(*) > 1) twice");
        JsonNode audit = api.admin("GET", "/admin/v1/ledger/audit?account_id=" + account.id(), null).body();
        Map<String, Long> outcomes = new TreeMap<>();
        for (String row : db.rows("select status, count(*) from jobs.jobs where account_id = " + acct + " group by status")) {
            outcomes.put(row.split(" ")[0], Long.parseLong(row.split(" ")[1]));
        }
        List<Long> seconds = new ArrayList<>(new TreeMap<>(step.perSecond()).keySet());
        lines.add(new Charts.Line(fault.name(), seconds,
                seconds.stream().map(s -> step.perSecond().get(s).getValueAtPercentile(99) / 1e6).toList()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("fault", fault.name());
        r.put("set_up", setUp[0]);
        r.put("offered", step.scheduled());
        r.put("accepted", (long) accepted.size());
        r.put("refused", refused.isEmpty() ? "0" : refused.toString());
        r.put("jobs_in_db", created);
        r.put("terminal", terminal);
        r.put("lost", accepted.size() - terminal);
        r.put("unfinished_in_db", unfinished);
        r.put("duplicated", duplicated);
        r.put("open_holds", openHolds);
        r.put("audit_drift", audit == null ? -1 : audit.path("drift").size());
        r.put("p99_ms", round(step.millis(99)));
        r.put("max_ms", round(step.maxMillis()));
        r.put("outcomes", outcomes);
        System.out.println("fault suite: " + r);
        return r;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
