package dev.i2v.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.infra.KafkaProbe;
import dev.i2v.infra.TestServers;
import dev.i2v.jobs.jobs.JobQueryService;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
            assertThat(message.imageKey()).isEqualTo(request.imageKey());
            assertThat(message.durationSeconds()).isEqualTo(6);
        });
    }

    @Test
    void theSameIdWithOtherContentIsAConflict() {
        UUID id = UUID.randomUUID();
        post(aJob(id));
        JobsApi.CreateJob other = new JobsApi.CreateJob(id, UUID.randomUUID(), "local", "x", 6, "768P", "standard", 30,
                "inputs/other/image.png");

        JsonNode problem = post(other);

        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("code").asString()).isEqualTo("job_conflict");
    }

    @Test
    void workerReportsDriveTheJobToSuccessAndAreAnnounced() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);
        UUID job = request.jobId();
        VideoOutput output = new VideoOutput("outputs/" + job + "/video.mp4", "video/mp4", 1000, 1024, 768, 6.0);

        report(new WorkEvent.WorkFailed(UUID.randomUUID(), job, 7, "stale", "from an old attempt", false, Instant.now()));
        report(new WorkEvent.WorkStarted(UUID.randomUUID(), job, 1, "worker-a", Instant.now()));
        report(new WorkEvent.WorkProgressed(UUID.randomUUID(), job, 1, 50, Instant.now()));
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, output, Instant.now()));
        report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, output, Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(job).view().status()).isEqualTo("succeeded"));
        JobsApi.JobView view = query.job(job).view();
        assertThat(view.output()).isEqualTo(output);
        assertThat(view.progress()).isEqualTo(100);
        assertThat(view.startedAt()).isNotNull();
        List<JobEvent> events = KafkaProbe.valuesFor(Topics.JOB_EVENTS, job.toString(), 2, Duration.ofSeconds(20))
                .stream().map(text -> json.readValue(text, JobEvent.class)).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0)).isInstanceOf(JobEvent.JobStarted.class);
        assertThat(events.get(1)).isInstanceOfSatisfying(JobEvent.JobSucceeded.class,
                e -> assertThat(e.cost()).isEqualTo(30));
    }

    @Test
    void aFailedAttemptFailsTheJobAndIsAnnouncedForRelease() throws Exception {
        JobsApi.CreateJob request = aJob(UUID.randomUUID());
        post(request);

        report(new WorkEvent.WorkFailed(UUID.randomUUID(), request.jobId(), 1, "engine_error", "decoder broke", false,
                Instant.now()));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(query.job(request.jobId()).view().status()).isEqualTo("failed"));
        assertThat(query.job(request.jobId()).view().error().code()).isEqualTo("engine_error");
        assertThat(KafkaProbe.valuesFor(Topics.JOB_EVENTS, request.jobId().toString(), 1, Duration.ofSeconds(20)))
                .anySatisfy(text -> assertThat(json.readValue(text, JobEvent.class)).isInstanceOf(JobEvent.JobFailed.class));
    }

    @Test
    void listingShowsAnAccountsJobsNewestFirstWithACursor() {
        UUID account = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            post(new JobsApi.CreateJob(UUID.randomUUID(), account, "local", "p" + i, 6, "768P", "standard", 30,
                    "inputs/l" + i + "/image.png"));
        }
        JobQueryService.Page first = query.list(account, null, null, 2);
        JobQueryService.Page second = query.list(account, null, first.nextCursor(), 2);

        assertThat(first.jobs()).extracting(j -> j.prompt()).containsExactly("p2", "p1");
        assertThat(second.jobs()).extracting(j -> j.prompt()).containsExactly("p0");
        assertThat(second.nextCursor()).isNull();
    }

    private static JobsApi.CreateJob aJob(UUID id) {
        return new JobsApi.CreateJob(id, UUID.randomUUID(), "local", "a slow zoom", 6, "768P", "standard", 30,
                "inputs/" + id + "/image.png");
    }

    private void report(WorkEvent event) throws Exception {
        kafka.send(Topics.WORK_EVENTS, event.jobId().toString(), json.writeValueAsString(event)).get();
    }

    private JsonNode post(Object body) {
        return RestClient.create("http://127.0.0.1:" + port).post().uri("/internal/jobs")
                .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body))
                .exchange((req, res) -> json.readTree(res.getBody()));
    }
}
