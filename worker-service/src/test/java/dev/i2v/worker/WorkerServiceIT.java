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
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.fixtures.TestImages;
import dev.i2v.infra.KafkaProbe;
import dev.i2v.infra.TestServers;
import dev.i2v.storage.ObjectStore;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(TestEngines.class)
class WorkerServiceIT {

    static final Path STORE;

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
        registry.add("i2v.internal.token", () -> TestServers.INTERNAL_TOKEN);
    }

    @Autowired
    ObjectStore store;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void aDispatchedJobIsRenderedStoredAndReportedInOrder() throws Exception {
        UUID job = UUID.randomUUID();
        String imageKey = "inputs/" + job + "/image.png";
        store.put(imageKey, new ByteArrayInputStream(TestImages.png(400, 300)), "image/png");

        dispatch(aDispatch().job(job).prompt("zoom").duration(1).resolution("360P")
                .image(imageKey, "image/png", 400, 300).build());

        List<WorkEvent> reports = reportsOf(job, WorkEvent.WorkSucceeded.class);
        assertThat(reports.get(0)).isInstanceOf(WorkEvent.WorkStarted.class);
        assertThat(reports).last().isInstanceOfSatisfying(WorkEvent.WorkSucceeded.class, done -> {
            assertThat(done.attempt()).isEqualTo(1);
            assertThat(done.output().width()).isEqualTo(480);
            assertThat(done.output().height()).isEqualTo(360);
            assertThat(done.output().durationSeconds()).isEqualTo(1.0);
            assertThat(STORE.resolve(done.output().key())).exists().isNotEmptyFile();
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
    void aJobLongerThanTheLockKeepsItByRenewingAndRunsOnce() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.SLOW));

        List<WorkEvent> reports = reportsOf(job, WorkEvent.WorkSucceeded.class, Duration.ofSeconds(60));

        assertThat(reports).filteredOn(WorkEvent.WorkStarted.class::isInstance).hasSize(1);
        assertThat(reports).allSatisfy(r -> assertThat(r.delivery()).isEqualTo(1));
    }

    @Test
    void aCancelledJobIsStoppedAndReportsNoResult() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.SLOW));
        reportsOf(job, WorkEvent.WorkStarted.class, Duration.ofSeconds(30));

        kafka.send(Topics.JOB_EVENTS, job.toString(), json.writeValueAsString(
                new JobEvent.JobCancelled(UUID.randomUUID(), job, UUID.randomUUID(), Instant.now()))).get();

        Thread.sleep(TestEngines.SLOW_TIME.toMillis() + 3000);
        assertThat(KafkaProbe.valuesFor(Topics.WORK_EVENTS, job.toString(), 99, Duration.ofSeconds(3)))
                .extracting(text -> json.readValue(text, WorkEvent.class).getClass().getSimpleName())
                .containsExactly("WorkStarted");
    }

    @Test
    void aJobThatCrashesEveryWorkerIsFailedAsPoisonAfterThreeDeliveries() throws Exception {
        UUID job = storedImageJob();
        dispatch(jobFor(job, TestEngines.CRASHING));

        List<WorkEvent> reports = reportsOf(job, WorkEvent.WorkFailed.class, Duration.ofSeconds(60));

        assertThat(reports).filteredOn(WorkEvent.WorkStarted.class::isInstance).extracting(WorkEvent::delivery)
                .containsExactly(1, 2, 3);
        assertThat(reports).last().isInstanceOfSatisfying(WorkEvent.WorkFailed.class, failed -> {
            assertThat(failed.errorCode()).isEqualTo("poison_job");
            assertThat(failed.delivery()).isEqualTo(4);
            assertThat(failed.retryable()).isFalse();
        });
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
            List<WorkEvent> events = KafkaProbe.valuesFor(Topics.WORK_EVENTS, job.toString(), 2, Duration.ofSeconds(5))
                    .stream().map(text -> json.readValue(text, WorkEvent.class)).toList();
            if (events.stream().anyMatch(last::isInstance)) {
                return events;
            }
        }
        throw new AssertionError("no " + last.getSimpleName() + " reported for job " + job);
    }
}
