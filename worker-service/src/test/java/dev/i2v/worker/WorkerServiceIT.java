package dev.i2v.worker;

import static dev.i2v.fixtures.DispatchBuilder.aDispatch;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.fixtures.TestImages;
import dev.i2v.infra.KafkaProbe;
import dev.i2v.infra.TestServers;
import dev.i2v.storage.ObjectStore;

/**
 * The worker against a real broker, with job-service's lease API played by {@link JobServiceStandIn}: jobs are
 * claimed and their records acknowledged at once, kept by the heartbeat, stopped when their lease is lost, handed
 * back when their runner crashes; hosted-model waits are not bounded by the CPU slots; the worker's share consumers
 * are one per lane whatever its capacity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(TestEngines.class)
class WorkerServiceIT {

    static final Path STORE;
    static final String WORKER_ID = "worker-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final JobServiceStandIn JOBS = new JobServiceStandIn(3000);

    static {
        try {
            STORE = Files.createTempDirectory("i2v-worker-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> TestServers.shared().kafkaBootstrapServers());
        registry.add("i2v.storage.root", STORE::toString);
        registry.add("i2v.worker.lock-duration", () -> "15s");
        registry.add("i2v.worker.slots", () -> "4");
        registry.add("i2v.worker.worker-id", () -> WORKER_ID);
        registry.add("i2v.worker.jobs-url", JOBS::url);
        registry.add("i2v.internal.token", () -> TestServers.INTERNAL_TOKEN);
    }

    @AfterAll
    static void stopStandIn() {
        JOBS.close();
    }

    @Autowired
    ObjectStore store;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void aDispatchedJobIsClaimedRenderedStoredAndReported() throws Exception {
        UUID job = UUID.randomUUID();
        String imageKey = "inputs/" + job + "/image.png";
        store.put(imageKey, new ByteArrayInputStream(TestImages.png(400, 300)), "image/png");

        dispatch(aDispatch().job(job).prompt("zoom").duration(1).resolution("360P")
                .image(imageKey, "image/png", 400, 300).build());

        List<WorkEvent> reports = reportsOf(job, WorkEvent.WorkSucceeded.class);
        assertThat(JOBS.claimsOf(job)).as("claimed once, by this worker")
                .singleElement().satisfies(c -> assertThat(c.workerId()).isEqualTo(WORKER_ID));
        assertThat(reports).noneMatch(WorkEvent.WorkStarted.class::isInstance); // the claim recorded the start
        assertThat(reports).last().isInstanceOfSatisfying(WorkEvent.WorkSucceeded.class, done -> {
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(done.delivery()).isEqualTo(1);
            assertThat(done.output().width()).isEqualTo(480);
            assertThat(done.output().height()).isEqualTo(360);
            assertThat(done.output().durationSeconds()).isEqualTo(1.0);
            assertThat(STORE.resolve(done.output().key())).exists().isNotEmptyFile();
            assertThat(done.output().watermarkedKey()).as("a dispatch that does not say: marked, as before").isNotNull();
            assertThat(STORE.resolve(done.output().watermarkedKey())).exists().isNotEmptyFile();
        });
    }

    @Test
    void aJobWhosePlanShowsNoWatermarkGetsNoMarkedRendition() throws Exception {
        UUID job = UUID.randomUUID();
        String imageKey = "inputs/" + job + "/image.png";
        store.put(imageKey, new ByteArrayInputStream(TestImages.png(400, 300)), "image/png");

        dispatch(aDispatch().job(job).prompt("zoom").duration(1).resolution("360P").watermark(false)
                .image(imageKey, "image/png", 400, 300).build());

        assertThat(reportsOf(job, WorkEvent.WorkSucceeded.class)).last()
                .isInstanceOfSatisfying(WorkEvent.WorkSucceeded.class, done -> {
                    assertThat(STORE.resolve(done.output().key())).exists().isNotEmptyFile();
                    assertThat(done.output().watermarkedKey()).isNull();
                    assertThat(STORE.resolve(ObjectKeys.watermarkedVideo(job))).doesNotExist();
                });
    }

    @Test
    void aJobForAnUnknownModelFailsForGood() throws Exception {
        UUID job = UUID.randomUUID();
        String imageKey = "inputs/" + job + "/image.png";
        store.put(imageKey, new ByteArrayInputStream(TestImages.png(400, 300)), "image/png");

        dispatch(aDispatch().job(job).model("no-such-model").duration(1).resolution("360P")
                .image(imageKey, "image/png", 400, 300).build());

        assertThat(reportsOf(job, WorkEvent.WorkFailed.class)).last()
                .isInstanceOfSatisfying(WorkEvent.WorkFailed.class, failed -> {
                    assertThat(failed.errorCode()).isEqualTo("unsupported_model");
                    assertThat(failed.retryable()).isFalse();
                });
    }

    @Test
    void aJobLongerThanItsLeaseKeepsItByHeartbeatAndRunsOnce() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.SLOW));

        List<WorkEvent> reports = reportsOf(job, WorkEvent.WorkSucceeded.class, Duration.ofSeconds(60));
        JOBS.ended(job);

        assertThat(JOBS.claimsOf(job)).hasSize(1);
        assertThat(JOBS.renewals.get(job)).as("heartbeats over a 20 s job with a 3 s lease").isNotNull()
                .satisfies(n -> assertThat(n.get()).isGreaterThanOrEqualTo(6));
        assertThat(reports).allSatisfy(r -> assertThat(r.delivery()).isEqualTo(1));
    }

    @Test
    void aCancelledJobIsStoppedAndReportsNoResult() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.SLOW));
        awaitClaim(job);

        kafka.send(Topics.JOB_EVENTS, job.toString(), json.writeValueAsString(
                new JobEvent.JobCancelled(UUID.randomUUID(), job, UUID.randomUUID(), Instant.now()))).get();

        Thread.sleep(TestEngines.SLOW_TIME.toMillis() + 3000);
        assertThat(KafkaProbe.valuesFor(Topics.WORK_EVENTS, job.toString(), 99, Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    void aJobWhoseLeaseIsLostIsStoppedAndReportsNothing() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.SLOW));
        awaitClaim(job);

        JOBS.loseLease(job);

        Thread.sleep(TestEngines.SLOW_TIME.toMillis() + 3000);
        assertThat(KafkaProbe.valuesFor(Topics.WORK_EVENTS, job.toString(), 99, Duration.ofSeconds(3)))
                .as("a worker that lost the lease reports nothing").isEmpty();
        assertThat(JOBS.releases).noneMatch(r -> r.lease().jobId().equals(job));
    }

    @Test
    void aJobThatCrashesItsRunnerIsHandedBackAsACrash() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.CRASHING));

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (JOBS.releases.stream().noneMatch(r -> r.lease().jobId().equals(job)) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }

        assertThat(JOBS.releases).filteredOn(r -> r.lease().jobId().equals(job)).singleElement()
                .satisfies(r -> {
                    assertThat(r.crashed()).isTrue();
                    assertThat(r.workerId()).isEqualTo(WORKER_ID);
                    assertThat(r.lease().delivery()).isEqualTo(1);
                });
        assertThat(KafkaProbe.valuesFor(Topics.WORK_EVENTS, job.toString(), 99, Duration.ofSeconds(2))).isEmpty();
    }

    /**
     * Forty hosted-model jobs on a worker with four CPU slots all wait at once (each on a virtual thread, no record
     * held), and the worker is still three members of the share group.
     */
    @Test
    void hostedJobsWaitTogetherBeyondTheCpuSlotsAndTheConsumersAreOnePerLane() throws Exception {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            UUID job = storedImageJob();
            jobs.add(job);
            dispatch(jobFor(job, TestEngines.REMOTE));
        }
        for (UUID job : jobs) {
            assertThat(reportsOf(job, WorkEvent.WorkSucceeded.class)).last().isInstanceOf(WorkEvent.WorkSucceeded.class);
            JOBS.ended(job);
        }

        assertThat(JOBS.mostHeldAtOnce()).as("hosted jobs claimed and waiting at once").isGreaterThanOrEqualTo(40);
        assertThat(membersOfThisWorker()).as("share-group members of a worker with 4 CPU slots (one per lane group)").isEqualTo(3);
    }

    private long membersOfThisWorker() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", TestServers.shared().kafkaBootstrapServers()))) {
            List<String> groups = java.util.Arrays.stream(dev.i2v.contracts.Lane.values()).map(Topics::workerShareGroup)
                    .toList();
            Map<String, ShareGroupDescription> described = admin.describeShareGroups(groups).all().get();
            return described.values().stream().flatMap(g -> g.members().stream())
                    .filter(m -> m.clientId().startsWith(WORKER_ID)).count();
        }
    }

    private void awaitClaim(UUID job) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (JOBS.claimsOf(job).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + job + " was never claimed");
            }
            Thread.sleep(50);
        }
    }

    private UUID storedImageJob() throws Exception {
        UUID job = UUID.randomUUID();
        store.put("inputs/" + job + "/image.png", new ByteArrayInputStream(TestImages.png(400, 300)), "image/png");
        return job;
    }

    private static JobDispatched jobFor(UUID job, String model) {
        return aDispatch().job(job).model(model).duration(1).resolution("360P").build();
    }

    private void dispatch(JobDispatched message) throws Exception {
        kafka.send(Topics.DISPATCH_STANDARD, message.jobId().toString(), json.writeValueAsString(message)).get();
    }

    private List<WorkEvent> reportsOf(UUID job, Class<? extends WorkEvent> last) {
        return reportsOf(job, last, Duration.ofSeconds(60));
    }

    /** The job's reports up to and including the first of the given kind. */
    private List<WorkEvent> reportsOf(UUID job, Class<? extends WorkEvent> last, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<WorkEvent> events = KafkaProbe.valuesFor(Topics.WORK_EVENTS, job.toString(), 1, Duration.ofSeconds(5))
                    .stream().map(text -> json.readValue(text, WorkEvent.class)).toList();
            if (events.stream().anyMatch(last::isInstance)) {
                return events;
            }
        }
        throw new AssertionError("no " + last.getSimpleName() + " reported for job " + job);
    }
}
