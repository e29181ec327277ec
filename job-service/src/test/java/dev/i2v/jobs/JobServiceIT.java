package dev.i2v.jobs;

import static dev.i2v.fixtures.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.i2v.fixtures.CreateJobBuilder.aCreateJob;
import static dev.i2v.fixtures.VideoOutputs.aVideoOutput;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.infra.KafkaProbe;
import dev.i2v.infra.TestServers;
import dev.i2v.jobs.jobs.JobQueryService;
import dev.i2v.jobs.jobs.JobState;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"i2v.jobs.retry-backoff=100ms", "i2v.jobs.run-timeout=6s", "i2v.jobs.queue-metrics-interval=100ms"})
class JobServiceIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("jobs").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;
    @Autowired
    JobQueryService query;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void aCreatedJobIsQueuedAndDispatchedOnItsLaneTopicOnce() {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());

        JsonNode first = post(request);
        JsonNode retry = post(request);

        assertThat(first.get("status").asString()).isEqualTo("queued");
        assertThat(retry.get("id").asString()).isEqualTo(request.jobId().toString());
        List<String> dispatched = KafkaProbe.valuesFor(Topics.DISPATCH_STANDARD, request.jobId().toString(), 1,
                Duration.ofSeconds(20));
        assertThat(dispatched).singleElement().satisfies(text -> {
            JobDispatched message = json.readValue(text, JobDispatched.class);
            assertThat(message.attempt()).isEqualTo(1);
            assertThat(message.image()).isEqualTo(request.image());
            assertThat(message.lane()).isEqualTo(Lane.STANDARD);
            assertThat(message.durationSeconds()).isEqualTo(6);
            assertThat(message.watermarked()).as("a caller that does not say: the rendition is made").isTrue();
        });
    }

    @Test
    void aJobWhosePlanShowsNoWatermarkIsDispatchedSayingSo() {
        JobsApi.CreateJob request = aCreateJob().id(UUID.randomUUID()).watermark(false).build();

        post(request);

        List<String> dispatched = KafkaProbe.valuesFor(Topics.DISPATCH_STANDARD, request.jobId().toString(), 1,
                Duration.ofSeconds(20));
        assertThat(dispatched).singleElement()
                .satisfies(text -> assertThat(json.readValue(text, JobDispatched.class).watermarked()).isFalse());
    }

    /** What KEDA scales workers on: {@code i2v_jobs_queued{lane}} rises with the queue and falls as it empties. */
    @Test
    void theQueueDepthMetricRisesAndFallsWithTheQueue() throws Exception {
        long before = queued("relaxed");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            post(aCreateJob().id(id).lane(Lane.RELAXED).cost(0).build());
        }
        long risen = awaitQueued("relaxed", before + 3);
        for (UUID id : ids) {
            post("/internal/jobs/" + id + "/cancel", "");
        }
        long fallen = awaitQueued("relaxed", before);
        String scrape = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .retrieve().body(String.class);

        assertThat(risen).isEqualTo(before + 3);
        assertThat(fallen).isEqualTo(before);
        assertThat(scrape).containsPattern("i2v_jobs_finished_total\\{[^}]*outcome=\"cancelled\"[^}]*} [3-9]")
                .contains("i2v_jobs_latency_seconds_bucket{").contains("i2v_outbox_lag_seconds ");
    }

    private long awaitQueued(String lane, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long seen = queued(lane);
        while (seen != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            seen = queued(lane);
        }
        return seen;
    }

    private long queued(String lane) {
        String scrape = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .retrieve().body(String.class);
        Matcher m = Pattern.compile("(?m)^i2v_jobs_queued\\{lane=\"" + lane + "\"[^}]*} (\\S+)$")
                .matcher(scrape);
        assertThat(m.find()).as(scrape).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    /** An unreadable report can never be applied: it is parked (and counted), not retried forever nor lost. */
    @Test
    void aReportThatCannotBeReadIsParked() throws Exception {
        String key = UUID.randomUUID().toString();
        kafka.send(Topics.WORK_EVENTS, key, "{\"type\":\"work_teleported\"}").get();

        assertThat(KafkaProbe.valuesFor(Topics.parked(Topics.WORK_EVENTS), key, 1, Duration.ofSeconds(30)))
                .containsExactly("{\"type\":\"work_teleported\"}");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                .retrieve().body(String.class)).contains("i2v_kafka_parked_total{topic=\"i2v.work.events\"}"));
    }

    @Test
    void theSameIdWithOtherContentIsAConflict() {
        UUID id = UUID.randomUUID();
        post(aJob(id));
        JobsApi.CreateJob other = aCreateJob().id(id).prompt("x")
                .image(new InputImage("inputs/other/image.png", "image/png", 640, 480)).build();

        JsonNode problem = post(other);

        assertThatProblem(problem).hasStatus(409).hasCode("job_conflict");
    }

    @Test
    void workerReportsDriveTheJobToSuccessAndAreAnnounced() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);
        UUID job = request.jobId();
        VideoOutput output = aVideoOutput(job);

        report(new WorkEvent.WorkFailed(UUID.randomUUID(), job, 7, 1, "stale", "from an old attempt", false, Instant.now()));
        report(new WorkEvent.WorkStarted(UUID.randomUUID(), job, 1, 1, "worker-a", Instant.now()));
        report(new WorkEvent.WorkProgressed(UUID.randomUUID(), job, 1, 1, 50, Instant.now()));
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, 1, output, Instant.now()));
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, 1, output, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(job).view().status()).isEqualTo(JobStatus.SUCCEEDED));
        JobsApi.JobView view = query.job(job).view();
        assertThat(view.output()).isEqualTo(output);
        assertThat(view.progress()).isEqualTo(100);
        assertThat(view.startedAt()).isNotNull();
        List<JobEvent> events = KafkaProbe.valuesFor(Topics.JOB_EVENTS, job.toString(), 3, Duration.ofSeconds(20))
                .stream().map(text -> json.readValue(text, JobEvent.class)).toList();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(JobEvent.JobStarted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(JobEvent.JobProgressed.class,
                e -> assertThat(e.progress()).isEqualTo(50));
        assertThat(events.get(2)).isInstanceOfSatisfying(JobEvent.JobSucceeded.class,
                e -> assertThat(e.cost()).isEqualTo(30));
    }

    @Test
    void aFailedAttemptFailsTheJobAndIsAnnouncedForRelease() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);

        report(new WorkEvent.WorkFailed(UUID.randomUUID(), request.jobId(), 1, 1, "engine_error", "decoder broke", false,
                Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(request.jobId()).view().status()).isEqualTo(JobStatus.FAILED));
        assertThat(query.job(request.jobId()).view().error().code()).isEqualTo("engine_error");
        assertThat(KafkaProbe.valuesFor(Topics.JOB_EVENTS, request.jobId().toString(), 1, Duration.ofSeconds(20)))
                .anySatisfy(text -> assertThat(json.readValue(text, JobEvent.class)).isInstanceOf(JobEvent.JobFailed.class));
    }

    /**
     * An operator's requeue of a failed job: a new job with the same inputs, queued and dispatched, named by the failed
     * one's record; once per failed job (a retried call gets the same job); a job that did not fail is refused.
     */
    @Test
    void aFailedJobIsRequeuedOnceAsANewJobAndOnlyAFailedOne() throws Exception {
        JobsApi.CreateJob failed = aJob(UUID.randomUUID());
        JobsApi.CreateJob queued = aJob(UUID.randomUUID());
        post(failed);
        post(queued);
        report(new WorkEvent.WorkFailed(UUID.randomUUID(), failed.jobId(), 1, 1, "provider_unavailable", "outage", false,
                Instant.now()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(failed.jobId()).view().status()).isEqualTo(JobStatus.FAILED));
        JobsApi.CreateJob again = aCreateJob().account(failed.accountId()).build();
        JobsApi.CreateJob otherAccount = aCreateJob().build();

        JsonNode mismatched = post("/internal/admin/jobs/" + failed.jobId() + "/requeue",
                json.writeValueAsString(otherAccount));
        JsonNode requeued = post("/internal/admin/jobs/" + failed.jobId() + "/requeue", json.writeValueAsString(again));
        JsonNode retried = post("/internal/admin/jobs/" + failed.jobId() + "/requeue", json.writeValueAsString(again));
        JsonNode second = post("/internal/admin/jobs/" + failed.jobId() + "/requeue",
                json.writeValueAsString(aCreateJob().account(failed.accountId()).build()));
        JsonNode notFailed = post("/internal/admin/jobs/" + queued.jobId() + "/requeue",
                json.writeValueAsString(aCreateJob().account(queued.accountId()).build()));

        assertThat(requeued.path("id").asString()).as(requeued.toString()).isEqualTo(again.jobId().toString());
        assertThat(requeued.get("status").asString()).isEqualTo("queued");
        assertThat(retried.path("id").asString()).as("a retried call: the same job: " + retried).isEqualTo(again.jobId().toString());
        assertThat(second.path("code").asString()).as(second.toString()).isEqualTo("already_requeued");
        assertThat(second.get("detail").asString()).contains(again.jobId().toString());
        assertThat(mismatched.path("code").asString()).as("another account's job is no requeue: " + mismatched)
                .isEqualTo("invalid_request");
        assertThat(notFailed.path("code").asString()).as(notFailed.toString()).isEqualTo("job_not_requeueable");
        assertThat(query.job(failed.jobId()).view().status()).as("a finished job never changes").isEqualTo(JobStatus.FAILED);
        assertThat(get("/internal/admin/jobs/" + failed.jobId()).get("requeued_as").asString())
                .isEqualTo(again.jobId().toString());
        assertThat(get("/internal/admin/jobs/" + again.jobId()).get("requeued_from").asString())
                .isEqualTo(failed.jobId().toString());
        assertThat(KafkaProbe.valuesFor(Topics.DISPATCH_STANDARD, again.jobId().toString(), 1, Duration.ofSeconds(20)))
                .as("the requeued job is dispatched like a submitted one").hasSize(1);
    }

    @Test
    void aTransientFailureIsRetriedAsTheNextAttemptWhichThenSucceeds() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);
        UUID job = request.jobId();

        report(new WorkEvent.WorkStarted(UUID.randomUUID(), job, 1, 1, "w", Instant.now()));
        report(new WorkEvent.WorkFailed(UUID.randomUUID(), job, 1, 1, "provider_unavailable", "503", true, Instant.now()));
        List<String> dispatches = KafkaProbe.valuesFor(Topics.DISPATCH_STANDARD, job.toString(), 2, Duration.ofSeconds(20));
        assertThat(dispatches).extracting(text -> json.readValue(text, JobDispatched.class).attempt()).containsExactly(1, 2);
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, 1, anOutput(job), Instant.now())); // stale attempt
        report(new WorkEvent.WorkStarted(UUID.randomUUID(), job, 2, 1, "w", Instant.now()));
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 2, 1, anOutput(job), Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(job).status()).isEqualTo(JobStatus.SUCCEEDED));
        assertThat(query.job(job).attempt()).isEqualTo(2);
        assertThat(query.transitions(job)).extracting(JobsApi.Transition::to)
                .containsExactly(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.RUNNING,
                        JobStatus.SUCCEEDED);
    }

    @Test
    void transientFailuresStopAfterTheLastAttempt() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);
        UUID job = request.jobId();

        for (int attempt = 1; attempt <= 3; attempt++) {
            int a = attempt;
            await().atMost(Duration.ofSeconds(20)).until(() -> query.job(job).attempt() == a
                    && query.job(job).state() instanceof JobState.Queued q && q.notBefore() == null);
            report(new WorkEvent.WorkFailed(UUID.randomUUID(), job, attempt, 1, "provider_unavailable", "503", true,
                    Instant.now()));
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(job).status()).isEqualTo(JobStatus.FAILED));
        assertThat(query.job(job).state().error().message()).contains("gave up after 3 attempts");
    }

    @Test
    void aFrozenWorkersLateResultIsIgnoredOnceAnotherWorkerTookTheJobOver() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);
        UUID job = request.jobId();

        report(new WorkEvent.WorkStarted(UUID.randomUUID(), job, 1, 1, "frozen", Instant.now()));
        report(new WorkEvent.WorkStarted(UUID.randomUUID(), job, 1, 2, "rescuer", Instant.now()));
        report(new WorkEvent.WorkFailed(UUID.randomUUID(), job, 1, 1, "engine_error", "late", false, Instant.now()));
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, 2, anOutput(job), Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(job).status()).isEqualTo(JobStatus.SUCCEEDED));
        assertThat(query.job(job).state().workerId()).isEqualTo("rescuer");
    }

    @Test
    void aJobIsCancelledOnceAndAFinishedOneIsNotCancellable() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);

        JsonNode cancelled = post("/internal/jobs/" + request.jobId() + "/cancel", "{}");
        JsonNode again = post("/internal/jobs/" + request.jobId() + "/cancel", "{}");
        JobsApi.CreateJob other = aJob(UUID.randomUUID());
        post(other);
        report(new WorkEvent.WorkFailed(UUID.randomUUID(), other.jobId(), 1, 1, "invalid_image", "x", false, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> query.job(other.jobId()).status().terminal());

        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(again.get("status").asString()).isEqualTo("cancelled");
        JsonNode refused = post("/internal/jobs/" + other.jobId() + "/cancel", "{}");
        assertThatProblem(refused).hasStatus(409).hasCode("job_not_cancellable");
        assertThat(KafkaProbe.valuesFor(Topics.JOB_EVENTS, request.jobId().toString(), 1, Duration.ofSeconds(20)))
                .singleElement().satisfies(text -> assertThat(json.readValue(text, JobEvent.class))
                        .isInstanceOf(JobEvent.JobCancelled.class));
    }

    @Test
    void aJobRunningPastTheTimeoutFails() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);
        report(new WorkEvent.WorkStarted(UUID.randomUUID(), request.jobId(), 1, 1, "stuck", Instant.now()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(query.job(request.jobId()).state().error()).extracting(JobsApi.JobError::code)
                        .isEqualTo("timeout"));
        assertThat(query.job(request.jobId()).status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void aQueuedJobKnowsItsPlaceInTheQueue() {
        JobsApi.CreateJob first = aJob(UUID.randomUUID());
        JobsApi.CreateJob second = aJob(UUID.randomUUID());
        post(first);
        post(second);

        Integer before = query.view(first.jobId()).queuePosition();
        Integer after = query.view(second.jobId()).queuePosition();

        assertThat(after).isGreaterThan(before);
        assertThat(query.view(second.jobId()).etaSeconds()).isPositive();
    }

    private static VideoOutput anOutput(UUID job) {
        return aVideoOutput(job);
    }

    @Test
    void listingShowsAnAccountsJobsNewestFirstWithACursor() {
        UUID account = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            post(aCreateJob().account(account).prompt("p" + i).build());
        }
        JobQueryService.Page first = query.list(account, null, null, 2, false);
        JobQueryService.Page second = query.list(account, null, first.nextCursor(), 2, false);

        assertThat(first.jobs()).extracting(j -> j.prompt()).containsExactly("p2", "p1");
        assertThat(second.jobs()).extracting(j -> j.prompt()).containsExactly("p0");
        assertThat(second.nextCursor()).isNull();
    }

    private static JobsApi.CreateJob aJob(UUID id) {
        return aCreateJob().id(id).build();
    }

    private void report(WorkEvent event) throws Exception {
        kafka.send(Topics.WORK_EVENTS, event.jobId().toString(), json.writeValueAsString(event)).get();
    }

    private JsonNode post(Object body) {
        return post("/internal/jobs", json.writeValueAsString(body));
    }

    private JsonNode get(String path) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestServers.INTERNAL_TOKEN).build().get().uri(path)
                .exchange((req, res) -> json.readTree(res.getBody()));
    }

    private JsonNode post(String path, String body) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestServers.INTERNAL_TOKEN).build().post().uri(path)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((req, res) -> json.readTree(res.getBody()));
    }
}
