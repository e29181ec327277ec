package dev.i2v.jobs.scheduling;

import static dev.i2v.fixtures.CreateJobBuilder.aCreateJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.Topics;
import dev.i2v.infra.KafkaProbe;
import dev.i2v.infra.TestServers;
import dev.i2v.jobs.jobs.JobQueryService;

/**
 * The scheduler against the real database and broker (a schema of its own, so that no other test's jobs sit in its
 * lanes): an account's jobs beyond its parallel limit wait and start in turn, a cancelled waiting job never reaches a
 * worker, accounts take turns inside a lane, passes that overlap never admit a job twice, and a model whose routes
 * are at their deployment budget waits in job-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "i2v.jobs.scheduler.window=2", "spring.flyway.schemas=jobs_scheduler",
        "spring.flyway.default-schema=jobs_scheduler",
        "i2v.jobs.provider-budgets.routes.runway-budgeted.max-concurrent=2",
        "i2v.jobs.provider-budgets.routes.runway-budgeted.models=gen4-budgeted"})
class SchedulerIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("jobs_scheduler").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JobQueryService query;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Scheduler scheduler;

    /** Each test starts with empty lanes: what an earlier test left waiting or unclaimed is ended. */
    @BeforeEach
    void emptyLanes() {
        jdbc.sql("update jobs set status = 'cancelled', finished_at = now() where status in ('queued', 'running')")
                .update();
        jdbc.sql("delete from pauses").update();
    }

    @Test
    void anAccountsJobsBeyondItsParallelLimitWaitAndStartAsItsJobsEnd() {
        UUID account = UUID.randomUUID();
        UUID first = submit(account, Lane.STANDARD, 2);
        UUID second = submit(account, Lane.STANDARD, 2);
        UUID third = submit(account, Lane.STANDARD, 2);

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatched(List.of(first, second)).size() == 2);
        claim(first);
        assertThat(dispatchesOf(third, Duration.ofSeconds(2))).as("two of the account's jobs run or wait for a worker")
                .isEmpty();
        assertThat(query.view(third).status()).isEqualTo(JobStatus.QUEUED);

        cancel(first);

        assertThat(dispatchesOf(third, Duration.ofSeconds(20))).as("its turn came when one ended").hasSize(1);
    }

    @Test
    void aJobWaitingLongerThanItsPlansQueueTimeoutFailsAndIsNeverDispatched() {
        UUID account = UUID.randomUUID();
        UUID running = submit(account, Lane.STANDARD, 1);
        JobsApi.CreateJob impatient = aCreateJob().id(UUID.randomUUID()).account(account).lane(Lane.STANDARD)
                .parallelLimit(1).queueTimeoutSeconds(1).build();
        client().post().uri("/internal/jobs").contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(impatient)).retrieve().toBodilessEntity();

        await().atMost(Duration.ofSeconds(20)).until(() -> query.view(impatient.jobId()).status().terminal());

        assertThat(query.view(impatient.jobId()).error().code()).isEqualTo("queue_timeout");
        assertThat(query.view(running).status()).as("the running one is not the plan's to time out")
                .isNotEqualTo(JobStatus.FAILED);
        cancel(running);
        assertThat(dispatchesOf(impatient.jobId(), Duration.ofSeconds(2))).isEmpty();
    }

    @Test
    void jobsOfAPausedModelOrLaneWaitUnadmittedUntilResumedWhileOthersStart() {
        UUID account = UUID.randomUUID();
        pause("model", "paused-model");
        pause("lane", "priority");
        UUID ofModel = submit(account, "paused-model");
        UUID ofLane = submit(account, Lane.PRIORITY, null);
        UUID other = submit(account, Lane.STANDARD, null);

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatched(List.of(other)).size() == 1);
        assertThat(dispatchesOf(ofModel, Duration.ofSeconds(2))).as("the paused model's job waits").isEmpty();
        assertThat(dispatchesOf(ofLane, Duration.ofSeconds(1))).as("the paused lane's job waits").isEmpty();
        assertThat(query.view(ofModel).status()).isEqualTo(JobStatus.QUEUED);

        resume("model", "paused-model");
        resume("lane", "priority");

        assertThat(dispatchesOf(ofModel, Duration.ofSeconds(20))).as("started once resumed").hasSize(1);
        assertThat(dispatchesOf(ofLane, Duration.ofSeconds(20))).as("started once resumed").hasSize(1);
    }

    @Test
    void aCancelledWaitingJobNeverReachesAWorker() {
        UUID account = UUID.randomUUID();
        UUID running = submit(account, Lane.STANDARD, 1);
        UUID waiting = submit(account, Lane.STANDARD, 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatched(List.of(running)).size() == 1);

        cancel(waiting);
        cancel(running);

        assertThat(dispatchesOf(waiting, Duration.ofSeconds(3))).isEmpty();
        assertThat(query.view(waiting).status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void anotherAccountsJobsWaitOneTurnNotBehindTheWholeBacklog() {
        UUID big = UUID.randomUUID();
        UUID small = UUID.randomUUID();
        List<UUID> bigJobs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            bigJobs.add(submit(big, Lane.PRIORITY, null));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatched(bigJobs).size() == 2);
        List<UUID> smallJobs = List.of(submit(small, Lane.PRIORITY, null), submit(small, Lane.PRIORITY, null));
        List<UUID> all = new ArrayList<>(bigJobs);
        all.addAll(smallJobs);
        int[] told = {query.view(smallJobs.get(0)).queuePosition(), query.view(smallJobs.get(1)).queuePosition()};

        List<UUID> order = claimAsDispatched(all);

        assertThat(order).hasSize(8);
        // first in first out, the small account's first job would be the seventh dispatched; taking turns, each of
        // its jobs waits for one of the big account's at most (beyond the two already dispatched when it came)
        assertThat(order.indexOf(smallJobs.get(0))).as("dispatch order %s", order).isLessThanOrEqualTo(3);
        assertThat(order.indexOf(smallJobs.get(1))).as("dispatch order %s", order).isLessThanOrEqualTo(5);
        assertThat(told).as("the queue positions the small account was told, against what happened: %s", order)
                .containsExactly(order.indexOf(smallJobs.get(0)), order.indexOf(smallJobs.get(1)));
    }

    @Test
    void passesThatOverlapNeverAdmitAJobTwice() throws Exception {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            jobs.add(submit(UUID.randomUUID(), Lane.RELAXED, 5));
        }
        ExecutorService passes = Executors.newFixedThreadPool(4);
        AtomicBoolean stop = new AtomicBoolean();
        try {
            for (int t = 0; t < 4; t++) {
                passes.execute(() -> {
                    while (!stop.get()) { // not the interrupt flag: JDBC may swallow it
                        scheduler.pass();
                    }
                });
            }
            claimAsDispatched(jobs);
        } finally {
            stop.set(true);
            passes.shutdown();
            assertThat(passes.awaitTermination(20, TimeUnit.SECONDS)).as("the overlapping passes stopped").isTrue();
        }

        Map<UUID, Long> dispatches = KafkaProbe.valuesFor(Topics.dispatchTopic(Lane.RELAXED), null, 12,
                        Duration.ofSeconds(10)).stream().map(text -> json.readValue(text, JobDispatched.class).jobId())
                .filter(jobs::contains).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(dispatches).hasSize(12).allSatisfy((job, count) -> assertThat(count).as("job %s", job).isEqualTo(1));
    }

    /** Claims each job as its dispatch record appears (a worker would), until all are claimed; the dispatch order. */
    @Test
    void aModelsJobsBeyondItsRoutesBudgetWaitInJobServiceNotInAWorker() {
        List<UUID> budgeted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            budgeted.add(submit(UUID.randomUUID(), "gen4-budgeted"));
        }
        UUID local = submit(UUID.randomUUID(), "local");

        List<UUID> started = claimAsDispatched(budgeted, 3);
        assertThat(dispatchesOf(local, Duration.ofSeconds(20))).as("another model's job is not held back").hasSize(1);
        assertThat(dispatched(budgeted)).as("the routes take 2 tasks at once, and one job of headroom: the others "
                + "wait").hasSize(3);
        budgeted.stream().filter(job -> !started.contains(job))
                .forEach(job -> assertThat(query.view(job).status()).isEqualTo(JobStatus.QUEUED));

        cancel(started.get(0));

        await().atMost(Duration.ofSeconds(20)).until(() -> dispatched(budgeted).size() == 4);
    }

    @Test
    void aPlansWeightGivesItsAccountThatManyStartsPerTurnAcrossPasses() {
        List<UUID> blockers = List.of(submit(UUID.randomUUID(), Lane.STANDARD, null),
                submit(UUID.randomUUID(), Lane.STANDARD, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> dispatched(blockers).size() == 2); // the window is full
        UUID heavy = UUID.randomUUID();
        UUID light = UUID.randomUUID();
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(submitWeighted(heavy, 3));
        }
        for (int i = 0; i < 8; i++) {
            jobs.add(submitWeighted(light, 1));
        }
        Set<UUID> heavyJobs = Set.copyOf(jobs.subList(0, 8));

        blockers.forEach(this::claim);
        List<UUID> order = claimAsDispatched(jobs);

        long heavyInFirstEight = order.subList(0, 8).stream().filter(heavyJobs::contains).count();
        assertThat(heavyInFirstEight).as("weights 3 and 1: A A A B A A A B, not A B A B (order: %s)",
                order.stream().map(job -> heavyJobs.contains(job) ? "A" : "B").toList()).isEqualTo(6);
    }

    private List<UUID> claimAsDispatched(List<UUID> jobs) {
        return claimAsDispatched(jobs, jobs.size());
    }

    /** Claims {@code jobs} as their dispatch records appear, until {@code count} are claimed; in dispatch order. */
    private List<UUID> claimAsDispatched(List<UUID> jobs, int count) {
        List<UUID> order = new ArrayList<>();
        Set<UUID> claimed = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (claimed.size() < count && System.nanoTime() < deadline) {
            for (UUID job : dispatched(jobs)) {
                if (claimed.add(job)) {
                    order.add(job);
                    claim(job);
                }
            }
        }
        return order;
    }

    /** Of {@code jobs}, those with a dispatch record, in the order of their lane's topic (one partition). */
    private List<UUID> dispatched(List<UUID> jobs) {
        Lane lane = query.view(jobs.get(0)).lane();
        return KafkaProbe.valuesFor(Topics.dispatchTopic(lane), null, Integer.MAX_VALUE, Duration.ofMillis(600))
                .stream().map(text -> json.readValue(text, JobDispatched.class).jobId()).filter(jobs::contains)
                .distinct().toList();
    }

    private List<String> dispatchesOf(UUID job, Duration wait) {
        return KafkaProbe.valuesFor(Topics.dispatchTopic(query.view(job).lane()), job.toString(), 1, wait);
    }

    private UUID submit(UUID account, Lane lane, Integer parallelLimit) {
        var builder = aCreateJob().id(UUID.randomUUID()).account(account).lane(lane);
        JobsApi.CreateJob request = (parallelLimit == null ? builder : builder.parallelLimit(parallelLimit)).build();
        client().post().uri("/internal/jobs").contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(request)).retrieve().toBodilessEntity();
        return request.jobId();
    }

    private UUID submitWeighted(UUID account, int weight) {
        JobsApi.CreateJob request = aCreateJob().id(UUID.randomUUID()).account(account).lane(Lane.STANDARD)
                .turnWeight(weight).build();
        client().post().uri("/internal/jobs").contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(request)).retrieve().toBodilessEntity();
        return request.jobId();
    }

    private UUID submit(UUID account, String model) {
        JobsApi.CreateJob request = aCreateJob().id(UUID.randomUUID()).account(account).lane(Lane.STANDARD)
                .model(model).build();
        client().post().uri("/internal/jobs").contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(request)).retrieve().toBodilessEntity();
        return request.jobId();
    }

    private void pause(String kind, String name) {
        client().put().uri("/internal/pauses/{kind}/{name}", kind, name).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(new JobsApi.PauseRequest("queue", "test", "scheduler-it"))).retrieve()
                .toBodilessEntity();
    }

    private void resume(String kind, String name) {
        client().delete().uri("/internal/pauses/{kind}/{name}", kind, name).retrieve().toBodilessEntity();
    }

    private void claim(UUID job) {
        client().post().uri("/internal/jobs/{id}/attempts/1/claims", job).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(new JobsApi.ClaimRequest("worker-of-" + job))).retrieve()
                .toBodilessEntity();
    }

    private void cancel(UUID job) {
        client().post().uri("/internal/jobs/{id}/cancel", job).contentType(MediaType.APPLICATION_JSON).body("{}")
                .retrieve().toBodilessEntity();
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestServers.INTERNAL_TOKEN).build();
    }
}
