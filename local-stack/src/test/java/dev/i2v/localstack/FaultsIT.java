package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.i2v.fixtures.TestImages;
import dev.i2v.infra.KafkaProbe;
import dev.i2v.simulator.MiniMaxSimulator;
import dev.i2v.simulator.RunwaySimulator;
import dev.i2v.simulator.SimulatorSettings;

/**
 * The short fault suite: the whole stack with two worker processes and the test models, hit by worker
 * SIGKILLs, cancel races, a poison job, and broker and database restarts. After each: every accepted
 * job is finished, none is charged twice, no hold is left open, and the ledger audit finds no drift.
 */
class FaultsIT {

    /** Kept under target/ so that the services' logs can be read after a failure. */
    static Path data = Path.of("target", "fault-suite-" + System.currentTimeMillis());

    static LocalStack stack;
    static StackClient api;
    static StackDatabase db;
    static byte[] image;
    /** MiniMax as its documentation says it behaves, billing included; its tasks take longer than a worker's lease. */
    static MiniMaxSimulator minimax;
    /** Runway, whose API has a cancel: a handed-over job's task must never be cancelled by the worker that lost it. */
    static RunwaySimulator runway;

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        Path clip = Files.createTempFile("provider-output", ".mp4");
        Ffprobe.render6sTestPattern(clip, 640, 480);
        minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(Files.readAllBytes(clip))
                .withApiKeys(Set.of("sim-minimax-key")).withTaskTime(Duration.ofSeconds(25)));
        runway = RunwaySimulator.start(SimulatorSettings.defaults(Files.readAllBytes(clip))
                .withApiKeys(Set.of("sim-runway-key")).withTaskTime(Duration.ofSeconds(30)));
        // a short idempotency lease, so that a key whose gateway died is taken over within the test
        stack = LocalStack.start(StackConfig.ephemeral(home, data, 2).with(Map.of(
                "i2v.gateway.idempotency.lease", "5s",
                "i2v.gateway.providers", "minimax,runway",
                "i2v.providers.minimax.api-key", "sim-minimax-key",
                "i2v.providers.minimax.base-url", minimax.baseUrl(),
                "i2v.providers.runway.api-key", "sim-runway-key",
                "i2v.providers.runway.base-url", runway.baseUrl(),
                "i2v.providers.poll.first", "200ms",
                "i2v.providers.poll.max", "1s")));
        api = new StackClient(stack);
        db = new StackDatabase(stack);
        image = TestImages.gradient("png", 640, 480);
        // a plan for load: many parallel jobs, all lanes (points come from operator grants)
        db.execute("insert into credits.plans values ('load', 1000, false, 1080, 10, 'standard,priority,relaxed', 0, 0, 0) "
                + "on conflict (code) do nothing");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (minimax != null) {
            minimax.close();
        }
        if (runway != null) {
            runway.close();
        }
    }

    @AfterEach
    void nothingIsLeftOpenAndTheLedgerIsExact() throws InterruptedException {
        // settlement follows the job's end through Kafka; after a restart a listener may be in its retry backoff
        eventually(() -> db.count("select count(*) from credits.holds where status = 'held'") == 0, Duration.ofSeconds(60));
        assertThat(db.count("select count(*) from credits.holds where status = 'held'")).as("open holds").isZero();
        assertThat(db.count("select count(*) from jobs.jobs where status in ('queued', 'running')")).as("unfinished jobs").isZero();
        JsonNode audit = api.admin("GET", "/admin/v1/ledger/audit", null).body();
        assertThat(audit.get("drift").size()).as(audit.toString()).isZero();
        assertThat(db.count("""
                select count(*) from (select job_id from credits.ledger_entries where kind in ('capture', 'release')
                group by job_id having count(*) > 1) twice""")).as("jobs settled twice").isZero();
    }

    @Test
    void aWorkerKilledMidJobLosesNothing() throws Exception {
        String key = loadAccount();
        List<String> jobs = submitAll(key, 6, "sleep:6", "standard");
        String victim = jobs.get(0);
        int worker = workerRunning(victim);

        stack.killWorker(worker);
        stillRunningOn(victim, worker);
        Map<String, String> outcomes = awaitAll(key, jobs, Duration.ofMinutes(3));

        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(db.count("select count(*) from jobs.job_transitions where reason = 'taken over after a lost lease' "
                + "and job_id = '" + victim + "'")).as("the killed worker's job was taken over").isPositive();
        assertThat(capturesOf(jobs)).isEqualTo(jobs.size());
        report("worker SIGKILL", jobs.size(), 1, outcomes);
    }

    /**
     * A hosted model's job whose worker is killed after the provider task exists (found from the job's row) is taken
     * over by the other worker, which polls that task: the provider bills one task, the job succeeds, charged once.
     */
    @Test
    void aHostedJobWhoseWorkerIsKilledMidTaskResumesItsTaskAndIsBilledOnce() throws Exception {
        String key = loadAccount();
        String prompt = "a heron takes off " + UUID.randomUUID();
        String job = submit(key, prompt, "standard", "hailuo-02");
        int worker = workerWithProviderTask(job);
        String task = db.rows("select provider_task_id from jobs.jobs where id = '" + job + "'").get(0);

        stack.killWorker(worker);
        stillRunningOn(job, worker);
        Map<String, String> outcomes = awaitAll(key, List.of(job), Duration.ofMinutes(2));

        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(db.count("select count(*) from jobs.job_transitions where reason = 'taken over after a lost lease' "
                + "and job_id = '" + job + "'")).as("the killed worker's job was taken over").isPositive();
        assertThat(db.rows("select provider_task_id from jobs.jobs where id = '" + job + "'"))
                .as("the task the first worker created is the job's task").containsExactly(task);
        assertThat(minimax.createdFor(prompt)).as("MiniMax tasks created for the job").isEqualTo(1);
        assertThat(capturesOf(List.of(job))).isEqualTo(1);
        report("worker SIGKILL, hosted model", 1, 1, outcomes);
    }

    /**
     * A hosted model's job whose worker freezes past its lease after the provider task exists: the claim that lost
     * the lease stops without cancelling the task (Runway has a cancel), the next claim resumes it, the provider
     * bills one task.
     */
    @Test
    void aHostedJobWhoseWorkerFreezesPastItsLeaseIsResumedAndItsTaskIsNotCancelled() throws Exception {
        String key = loadAccount();
        String prompt = "a kite in the wind " + UUID.randomUUID();
        String job = submit(key, prompt, "standard", "runway-gen4-turbo");
        int worker = workerWithProviderTask(job);

        stack.freezeWorker(worker);
        try {
            stillRunningOn(job, worker);
            Thread.sleep(22_000); // past the 10 s lease: job-service dispatches the job again for another claim
        } finally {
            stack.thawWorker(worker);
        }
        Map<String, String> outcomes = awaitAll(key, List.of(job), Duration.ofMinutes(2));

        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(db.count("select count(*) from jobs.job_transitions where reason = 'taken over after a lost lease' "
                + "and job_id = '" + job + "'")).as("the frozen worker's job was taken over").isPositive();
        assertThat(runway.createdFor(prompt)).as("Runway tasks created for the job").isEqualTo(1);
        assertThat(runway.cancelledTasks()).as("Runway tasks cancelled").isEmpty();
        assertThat(capturesOf(List.of(job))).isEqualTo(1);
        report("worker SIGSTOP, hosted model", 1, 1, outcomes);
    }

    /**
     * A scale-in: SIGTERM makes the worker stop taking jobs and, past its drain grace (3 s here), hand its
     * running jobs back; another worker runs them. Nothing lost, nothing charged twice.
     */
    @Test
    void aWorkerDrainedBySigtermHandsItsJobsBackAndNothingIsChargedTwice() throws Exception {
        String key = loadAccount();
        List<String> jobs = submitAll(key, 6, "sleep:8", "standard");
        String victim = jobs.get(0);
        int worker = workerRunning(victim);
        long handedBackBefore = logMentions(worker, "handing job " + victim);

        stack.drainWorker(worker);
        stillRunningOn(victim, worker);
        Map<String, String> outcomes = awaitAll(key, jobs, Duration.ofMinutes(3));

        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(capturesOf(jobs)).isEqualTo(jobs.size());
        assertThat(releasesOf(jobs)).isZero();
        assertThat(logMentions(worker, "draining: no new jobs")).as("the worker drained").isPositive();
        assertThat(logMentions(worker, "handing job " + victim) - handedBackBefore)
                .as("the drained worker handed its running job back").isPositive();
        report("worker drained (SIGTERM)", jobs.size(), 1, outcomes);
    }

    private static long logMentions(int worker, String text) throws IOException {
        Path log = data.resolve("logs").resolve("worker-service-" + (worker + 1) + ".log");
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    /**
     * A worker frozen past its lease: job-service dispatches its jobs again and the other worker claims them; when the
     * frozen one wakes, its heartbeat learns the leases are lost and stops the work, and whatever it still reports is
     * ignored (an older claim). Each job succeeds once and is charged once.
     */
    @Test
    void aWorkerFrozenPastItsLeaseIsFencedOffWhenItWakes() throws Exception {
        // the takeover needs a free slot in the other worker: nothing left over from earlier tests may hold them
        String busy = "select count(*) from jobs.jobs where status in ('queued', 'running')";
        eventually(() -> db.count(busy) == 0, Duration.ofMinutes(2));
        assertThat(db.count(busy)).as("jobs of earlier tests still queued or running: cannot set up the fault").isZero();
        String key = loadAccount();
        List<String> jobs = submitAll(key, 4, "sleep:4", "standard");
        String victim = jobs.get(0);
        int worker = workerRunning(victim);

        stack.freezeWorker(worker);
        try {
            stillRunningOn(victim, worker);
            Thread.sleep(22_000); // past the 10 s lease: the other worker claims the frozen one's jobs
        } finally {
            stack.thawWorker(worker);
        }
        Map<String, String> outcomes = awaitAll(key, jobs, Duration.ofMinutes(3));
        Thread.sleep(3000); // the woken worker's heartbeat (or a late report) comes within a third of its lease

        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(db.count("select count(*) from jobs.job_transitions where reason = 'taken over after a lost lease' "
                + "and job_id = '" + victim + "'")).as("the frozen worker's job was taken over").isPositive();
        assertThat(capturesOf(jobs)).isEqualTo(jobs.size());
        assertThat(db.count("select count(*) from jobs.job_transitions where to_status = 'succeeded' and job_id in ('"
                + String.join("','", jobs) + "')")).as("each job succeeded once").isEqualTo(jobs.size());
        report("worker frozen (SIGSTOP) past its lease", jobs.size(), 1, outcomes);
    }

    /**
     * The gateway dies while a submit under an Idempotency-Key is inside its hold (held there by a lock on the
     * account's row, so the kill lands mid-request): the hold is placed with no job made. A retry under the same
     * key after the key's lease (5 s here) resumes the same job id: one hold, one job, charged once.
     */
    @Test
    void anIdempotencyKeyWhoseGatewayDiedMidRequestIsUsableAgainAfterItsLease() throws Exception {
        String[] account = api.newAccount("free");
        String key = account[0];
        api.get(key, "/v1/credits"); // the day's grant, which also locks the row, is given before the fault
        String keyRow = "select count(*) from gateway.idempotency_keys where account_id = '" + account[1]
                + "' and key = 'crash-1' and status = 'in_progress'";
        Thread submitter;
        try (Connection locker = DriverManager.getConnection(stack.jdbcUrl())) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("select 1 from credits.accounts where id = '" + account[1] + "' for update");
            }
            submitter = new Thread(() -> {
                try {
                    submitWithKey(key, "crash-1");
                } catch (RuntimeException died) {
                    // the gateway was killed under this request: no answer
                }
            });
            submitter.start();
            // the submit has claimed its key and its hold waits for our lock: the kill lands inside the request
            String holdWaits = "select count(*) from pg_locks where not granted";
            eventually(() -> db.count(keyRow) == 1 && db.count(holdWaits) > 0, Duration.ofSeconds(10));
            assertThat(db.count(keyRow)).as("fault not set up: the submit never claimed its key").isEqualTo(1);
            assertThat(db.count(holdWaits)).as("fault not set up: the submit's hold is not waiting").isPositive();
            stack.killService("gateway-service");
            locker.rollback(); // credits now places the hold, for a gateway that is gone
        }
        submitter.join(30_000);
        eventually(() -> db.count("select count(*) from credits.holds where account_id = '" + account[1] + "'") == 1,
                Duration.ofSeconds(10));
        assertThat(db.count("select count(*) from credits.holds where account_id = '" + account[1] + "'"))
                .as("fault not set up: the killed request's hold was not placed").isEqualTo(1);
        assertThat(db.count("select count(*) from jobs.jobs where account_id = '" + account[1] + "'")).isZero();
        stack.awaitServiceHealthy("gateway-service", Duration.ofMinutes(2));

        ApiCall.Reply retry = submitWithKey(key, "crash-1");

        assertThat(retry.status()).as(retry.toString()).isEqualTo(202);
        String id = retry.json().get("id").asString();
        assertThat(db.rows("select job_id from gateway.idempotency_keys where account_id = '" + account[1] + "'"))
                .as("the retry resumed the killed request's job id").containsExactly(id);
        assertThat(api.awaitTerminal(key, id, Duration.ofMinutes(2)).get("status").asString()).isEqualTo("succeeded");
        assertThat(db.count("select count(*) from jobs.jobs where account_id = '" + account[1] + "'")).isEqualTo(1);
        assertThat(db.count("select count(*) from credits.holds where account_id = '" + account[1] + "'")).isEqualTo(1);
        assertThat(capturesOf(List.of(id))).isEqualTo(1);
        ApiCall.Reply replay = submitWithKey(key, "crash-1");
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.json().get("id").asString()).isEqualTo(id);
    }

    private static ApiCall.Reply submitWithKey(String key, String idempotencyKey) {
        return ApiCall.to(stack, "POST", "/v1/videos").key(key).header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(30)).form(new Multipart().field("prompt", "sleep:0.5").field("model", "instant")
                        .file("image", "a.png", "image/png", image)).send();
    }

    @Test
    void cancelsRacingWithWorkEndCancelledOrSucceededNeverBoth() throws Exception {
        String key = loadAccount();
        List<String> jobs = new ArrayList<>();
        List<Thread> cancellers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String id = submit(key, "sleep:" + ThreadLocalRandom.current().nextInt(0, 15) / 10.0, "standard");
            jobs.add(id);
            long delay = ThreadLocalRandom.current().nextLong(0, 15_000); // some while queued, some while running, some too late
            Thread canceller = new Thread(() -> {
                sleep(delay);
                api.send(key, "POST", "/v1/videos/" + id + "/cancel", null, null);
            });
            canceller.start();
            cancellers.add(canceller);
        }
        for (Thread canceller : cancellers) {
            canceller.join();
        }
        Map<String, String> outcomes = awaitAll(key, jobs, Duration.ofMinutes(3));

        assertThat(outcomes.values()).containsOnly("cancelled", "succeeded");
        long succeeded = outcomes.values().stream().filter("succeeded"::equals).count();
        assertThat(capturesOf(jobs)).isEqualTo(succeeded);
        assertThat(releasesOf(jobs)).isEqualTo(jobs.size() - succeeded);
        report("cancel races", jobs.size(), jobs.size(), outcomes);
    }

    @Test
    void aPoisonJobFailsAfterItsDeliveriesWhileFiftyOthersComplete() throws Exception {
        String key = loadAccount();
        String poison = submit(key, "crashes every worker that takes it", "standard", "crash");
        List<String> others = submitAll(key, 50, "sleep:0.2", "standard");

        Map<String, String> outcomes = awaitAll(key, others, Duration.ofMinutes(4));
        JsonNode poisoned = api.awaitTerminal(key, poison, Duration.ofMinutes(4));

        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(poisoned.get("status").asString()).isEqualTo("failed");
        assertThat(poisoned.get("error").get("code").asString()).isEqualTo("poison_job");
        report("poison job", others.size() + 1, 3, outcomes);
    }

    @Test
    void brokerAndDatabaseRestartsLoseNoJob() throws Exception {
        String key = loadAccount();
        List<String> accepted = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            if (i == 60) {
                stack.restartKafka();
            }
            if (i == 130) {
                stack.restartPostgres();
            }
            StackClient.Answer answer = api.submit(key, image, "sleep:0.1", "instant", "standard");
            if (answer.status() == 202) {
                accepted.add(answer.body().get("id").asString());
            } else {
                refused++;
                assertThat(answer.status()).as("a refused submission is a clean 503, never a 500").isIn(503, -1);
            }
        }
        Map<String, String> outcomes = awaitAll(key, accepted, Duration.ofMinutes(4));

        assertThat(outcomes).hasSize(accepted.size());
        assertThat(outcomes.values()).containsOnly("succeeded");
        assertThat(capturesOf(accepted)).isEqualTo(accepted.size());
        report("broker + database restart (" + refused + " submissions refused during restarts)", accepted.size(), 2,
                outcomes);
    }

    @Test
    void underOverloadPriorityStartsFirstAndStandardIsStillServed() throws Exception {
        String key = loadAccount();
        List<String> standard = submitAll(key, 16, "sleep:1", "standard");
        List<String> priority = submitAll(key, 8, "sleep:1", "priority");
        List<String> all = new ArrayList<>(standard);
        all.addAll(priority);
        awaitAll(key, all, Duration.ofMinutes(3));

        List<String> startOrder = new ArrayList<>();
        for (String row : db.rows("select id, lane from jobs.jobs where id in ('" + String.join("','", all)
                + "') order by started_at")) {
            startOrder.add(row);
        }
        int lastPriority = lastIndexOf(startOrder, "priority");
        List<Integer> priorityRanks = ranks(startOrder, "priority");
        List<Integer> standardRanks = ranks(startOrder, "standard");
        System.out.printf("fault suite: lanes: start order %s%n", startOrder.stream().map(r -> r.endsWith("priority") ? "P" : "s")
                .collect(Collectors.joining()));
        // in FIFO order the 8 priority jobs, submitted after 16 standard ones, would start at ranks 16..23 (mean 19.5)
        assertThat(average(priorityRanks)).as("priority jobs jump the standard queue").isLessThan(16.5);
        assertThat(standardRanks.stream().filter(r -> r > 4 && r < lastPriority).count())
                .as("standard jobs still start while priority jobs wait").isPositive();
    }

    private static int lastIndexOf(List<String> order, String lane) {
        int last = -1;
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).endsWith(lane)) {
                last = i;
            }
        }
        return last;
    }

    private static List<Integer> ranks(List<String> order, String lane) {
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).endsWith(lane)) {
                ranks.add(i);
            }
        }
        return ranks;
    }

    private static double average(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    private static String loadAccount() {
        String[] account = api.newAccount("free");
        api.admin("PUT", "/admin/v1/accounts/" + account[1] + "/plan", "{\"plan\":\"load\"}");
        api.admin("POST", "/admin/v1/accounts/" + account[1] + "/grants",
                "{\"points\": 1000000, \"reason\": \"load\", \"idempotency_key\": \"load\"}");
        return account[0];
    }

    private static List<String> submitAll(String key, int n, String prompt, String lane) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(submit(key, prompt, lane));
        }
        return ids;
    }

    private static String submit(String key, String prompt, String lane) {
        return submit(key, prompt, lane, "instant");
    }

    private static String submit(String key, String prompt, String lane, String model) {
        StackClient.Answer answer = api.submit(key, image, prompt, model, lane);
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        return answer.body().get("id").asString();
    }

    /**
     * Waits until the job runs and returns the index of the worker process that runs it, found from the job's
     * row; fails, saying so, when the fault cannot be set up (the job never ran, or ran on no known worker).
     */
    private static int workerRunning(String id) throws InterruptedException {
        return workerRunning(id, "true", "did not start running");
    }

    /** The worker that runs the job once its provider task is recorded (the fault must hit after the create). */
    private static int workerWithProviderTask(String id) throws InterruptedException {
        return workerRunning(id, "provider_task_id is not null", "had no recorded provider task");
    }

    private static int workerRunning(String id, String condition, String failure) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> rows = db.rows("select worker_id from jobs.jobs where id = '" + id + "' and status = 'running' "
                    + "and " + condition);
            if (!rows.isEmpty()) {
                int index = stack.workerIndexOf(rows.get(0));
                assertThat(index).as("fault not set up: job %s runs on %s, which is none of this stack's workers", id,
                        rows.get(0)).isNotNegative();
                return index;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("fault not set up: job " + id + " " + failure + " within 60 s");
    }

    /** Checks that the fault hit the job: right after it, the job still runs on the faulted worker. */
    private static void stillRunningOn(String id, int worker) {
        List<String> rows = db.rows("select worker_id from jobs.jobs where id = '" + id + "' and status = 'running'");
        assertThat(rows).as("fault not set up: job %s had stopped running on worker %d before the fault hit it", id,
                worker).hasSize(1);
        assertThat(stack.workerIndexOf(rows.get(0))).as("fault not set up: job %s moved before the fault", id)
                .isEqualTo(worker);
    }

    private static Map<String, String> awaitAll(String key, List<String> ids, Duration timeout) throws InterruptedException {
        Map<String, String> outcomes = new HashMap<>();
        for (String id : ids) {
            JsonNode job = api.awaitTerminal(key, id, timeout);
            outcomes.put(id, job == null ? "unknown" : job.get("status").asString());
        }
        return outcomes;
    }

    /** Waits until at least {@code expected} results (success or failure, any delivery) of these jobs are on Kafka. */
    private static long capturesOf(List<String> jobs) {
        return settlements(jobs, "capture");
    }

    private static long releasesOf(List<String> jobs) {
        return settlements(jobs, "release");
    }

    private static void eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    /** Settlements of these jobs, once every hold among them is resolved (or a minute has passed). */
    private static long settlements(List<String> jobs, String kind) {
        try {
            eventually(() -> db.count("select count(*) from credits.holds where status = 'held' and job_id in ('"
                    + String.join("','", jobs) + "')") == 0, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return db.count("select count(*) from credits.ledger_entries where kind = '" + kind + "' and job_id in ('"
                + String.join("','", jobs) + "')");
    }

    private static void report(String fault, int jobs, int injected, Map<String, String> outcomes) {
        long lost = outcomes.values().stream().filter(s -> !s.matches("succeeded|failed|cancelled")).count();
        System.out.printf("fault suite: %s: jobs %d, faults injected %d, lost %d, duplicated 0 (checked), holds left 0 (checked), outcomes %s%n",
                fault, jobs, injected, lost, outcomes.values().stream()
                        .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
