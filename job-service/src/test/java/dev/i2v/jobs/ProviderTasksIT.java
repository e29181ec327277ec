package dev.i2v.jobs;

import static dev.i2v.fixtures.CreateJobBuilder.aCreateJob;
import static dev.i2v.fixtures.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.infra.TestServers;
import dev.i2v.jobs.jobs.JobQueryService;

/**
 * The provider task of an attempt, against the real database: recorded once, read back by a worker taking the
 * attempt over, and refused once the attempt is over; the routes' budgets for the whole deployment.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "i2v.jobs.provider-budgets.routes.runway-capped.max-concurrent=5",
        "i2v.jobs.provider-budgets.routes.minimax-rpm.creates-per-minute=3",
        "i2v.jobs.provider-budgets.routes.kling-late.creates-per-minute=2",
        "i2v.jobs.provider-budgets.routes.luma-watched.max-concurrent=2"})
class ProviderTasksIT {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("jobs").forEach((k, v) -> registry.add(k, () -> v));
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JobQueryService query;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aRecordedTaskIsWhatTheNextDeliveryOfTheAttemptReads() {
        UUID job = created();

        JsonNode before = call(HttpMethod.GET, job, 1, null);
        JsonNode recorded = call(HttpMethod.PUT, job, 1, "{\"provider\":\"minimax\",\"task_id\":\"t-1\",\"delivery\":1}");
        JsonNode again = call(HttpMethod.PUT, job, 1, "{\"provider\":\"minimax\",\"task_id\":\"t-1\",\"delivery\":1}");
        JsonNode read = call(HttpMethod.GET, job, 1, null);

        assertThat(before.get("task_id").isNull()).as("no task before one is recorded: %s", before).isTrue();
        assertThat(recorded.get("task_id").asString()).isEqualTo("t-1");
        assertThat(again.get("task_id").asString()).as("the same task recorded twice is fine").isEqualTo("t-1");
        assertThat(read.get("provider").asString()).isEqualTo("minimax");
        assertThat(read.get("task_id").asString()).isEqualTo("t-1");
        assertThat(read.get("delivery").asInt()).isEqualTo(1);
    }

    @Test
    void aSecondDifferentTaskForTheSameAttemptIsRefusedAndTheFirstKept() {
        UUID job = created();
        call(HttpMethod.PUT, job, 1, "{\"provider\":\"runway\",\"task_id\":\"first\",\"delivery\":1}");

        JsonNode second = call(HttpMethod.PUT, job, 1, "{\"provider\":\"runway\",\"task_id\":\"second\",\"delivery\":2}");

        assertThatProblem(second).hasStatus(409).hasCode("provider_task_exists");
        assertThat(call(HttpMethod.GET, job, 1, null).get("task_id").asString()).isEqualTo("first");
    }

    @Test
    void aCancelledJobOrAnotherAttemptIsNotLive() {
        UUID job = created();
        UUID cancelled = created();
        post("/internal/jobs/" + cancelled + "/cancel");

        assertThatProblem(call(HttpMethod.GET, cancelled, 1, null)).hasStatus(409).hasCode("attempt_not_live");
        assertThatProblem(call(HttpMethod.PUT, cancelled, 1, "{\"provider\":\"fal\",\"task_id\":\"x\",\"delivery\":1}"))
                .hasStatus(409).hasCode("attempt_not_live");
        assertThatProblem(call(HttpMethod.GET, job, 2, null)).hasStatus(409).hasCode("attempt_not_live");
        assertThatProblem(call(HttpMethod.GET, UUID.randomUUID(), 1, null)).hasStatus(404).hasCode("not_found");
        assertThatProblem(call(HttpMethod.PUT, job, 1, "{\"provider\":\"fal\",\"delivery\":1}"))
                .hasStatus(400).hasCode("invalid_request");
    }

    @Test
    void aFinishedJobIsNotLive() throws Exception {
        UUID job = created();
        call(HttpMethod.PUT, job, 1, "{\"provider\":\"luma\",\"task_id\":\"l-1\",\"delivery\":1}");
        kafka.send(Topics.WORK_EVENTS, job.toString(), json.writeValueAsString(new WorkEvent.WorkFailed(
                UUID.randomUUID(), job, 1, 1, "moderation_blocked", "x", false, Instant.now()))).get();
        await().atMost(Duration.ofSeconds(20)).until(() -> query.job(job).status().terminal());

        assertThatProblem(call(HttpMethod.GET, job, 1, null)).hasStatus(409).hasCode("attempt_not_live");
    }

    @Test
    void aRouteNeverGrantsMoreSlotsThanItsBudgetHoweverManyAskAtOnce() throws Exception {
        List<UUID> jobs = IntStream.range(0, 20).mapToObj(i -> created()).toList();

        List<JsonNode> answers;
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<JsonNode>> calls = jobs.stream()
                    .map(job -> callers.submit(() -> slot(job, "runway-capped"))).toList();
            answers = new ArrayList<>();
            for (Future<JsonNode> call : calls) {
                answers.add(call.get());
            }
        }
        List<UUID> granted = IntStream.range(0, jobs.size()).filter(i -> answers.get(i).get("granted").asBoolean())
                .mapToObj(jobs::get).toList();
        UUID waiting = jobs.stream().filter(job -> !granted.contains(job)).findFirst().orElseThrow();

        assertThat(granted).as("20 callers at once, a budget of 5: " + answers).hasSize(5);
        assertThat(answers).filteredOn(a -> !a.get("granted").asBoolean()).allSatisfy(a -> {
            assertThat(a.get("reason").asString()).isEqualTo("max_concurrent");
            assertThat(a.get("retry_after_millis").asLong()).isPositive();
        });
        assertThat(slot(granted.get(0), "runway-capped").get("granted").asBoolean())
                .as("asking again keeps the attempt's own slot").isTrue();
        assertThat(slot(waiting, "runway-capped").get("granted").asBoolean()).isFalse();

        release(granted.get(0), "runway-capped");
        assertThat(slot(waiting, "runway-capped").get("granted").asBoolean()).as("a released slot").isTrue();
        UUID next = jobs.stream().filter(job -> !granted.contains(job) && !job.equals(waiting)).findFirst().orElseThrow();
        assertThat(slot(next, "runway-capped").get("granted").asBoolean()).isFalse();
        post("/internal/jobs/" + granted.get(1) + "/cancel");
        assertThat(slot(next, "runway-capped").get("granted").asBoolean())
                .as("the slot of an attempt that ended is free at once").isTrue();
    }

    /**
     * What an operator's overview shows of routes: each budgeted one, even idle, with its limits, load and pause; and
     * the jobs on a route, found by it.
     */
    @Test
    void theOverviewShowsEachBudgetedRouteWithItsLimitsItsOpenTasksAndWhetherItIsPaused() {
        UUID job = created();
        assertThat(slot(job, "luma-watched").get("granted").asBoolean()).isTrue();
        client().put().uri("/internal/pauses/route/kling-late").contentType(MediaType.APPLICATION_JSON)
                .body("{\"reason\":\"provider incident\",\"paused_by\":\"ops\"}").retrieve().toBodilessEntity();
        JsonNode routes;
        try {
            routes = client().get().uri("/internal/admin/overview").exchange((req, res) -> json.readTree(res.getBody()))
                    .get("routes");
        } finally {
            client().delete().uri("/internal/pauses/route/kling-late").retrieve().toBodilessEntity();
        }

        JsonNode capped = route(routes, "luma-watched");
        assertThat(capped.get("open_tasks").asLong()).as(capped.toString()).isEqualTo(1);
        assertThat(capped.get("max_concurrent").asInt()).isEqualTo(2);
        assertThat(capped.get("creates_per_minute").isNull()).isTrue();
        assertThat(capped.get("paused").asBoolean()).isFalse();
        assertThat(route(routes, "minimax-rpm").get("creates_per_minute").asInt()).isEqualTo(3);
        assertThat(route(routes, "kling-late").get("paused").asBoolean()).as(routes.toString()).isTrue();
        JsonNode onRoute = client().get().uri("/internal/admin/jobs?route=luma-watched")
                .exchange((req, res) -> json.readTree(res.getBody())).get("data");
        assertThat(onRoute).as("the jobs granted a slot of the route").extracting(j -> j.get("id").asString())
                .containsExactly(job.toString());
        assertThat(client().get().uri("/internal/admin/jobs/{id}", job).exchange((req, res) -> json.readTree(res.getBody()))
                .get("route").asString()).isEqualTo("luma-watched");
    }

    private static JsonNode route(JsonNode routes, String name) {
        for (JsonNode route : routes) {
            if (route.get("route").asString().equals(name)) {
                return route;
            }
        }
        throw new AssertionError("no route " + name + " in the overview: " + routes);
    }

    @Test
    void everyCreateCallCountsAgainstTheRoutesCreatesPerMinute() {
        UUID first = created();
        UUID second = created();

        List<Boolean> firstsCalls = IntStream.range(0, 3).mapToObj(i -> slot(first, "minimax-rpm").get("granted")
                .asBoolean()).toList();
        JsonNode refused = slot(second, "minimax-rpm");

        assertThat(firstsCalls).containsExactly(true, true, true);
        assertThat(refused.get("granted").asBoolean()).isFalse();
        assertThat(refused.get("reason").asString()).isEqualTo("creates_per_minute");
        assertThat(refused.get("retry_after_millis").asLong()).as("a minute and the margin").isBetween(1L, 62_000L);
        assertThat(slot(second, "unbudgeted-route").get("granted").asBoolean())
                .as("a route without a budget has only each worker's own limits").isTrue();
    }

    /**
     * The provider counts a create when the call reaches it: a call granted long ago but answered within the minute
     * still counts (CI once saw a cold worker's first calls arrive over 2 s after their grants, and the account
     * refuse creates granted a minute later); one not answered yet counts as made now, until its worker is gone.
     */
    @Test
    void aCreateCountsFromItsCallsAnswerAndAnUnansweredOneAsMadeNow() {
        UUID first = created();
        UUID second = created();
        UUID third = created();
        jdbc.sql("""
                insert into provider_route_creates (route, at, answered_at) values
                ('kling-late', now() - interval '90 seconds', now() - interval '30 seconds'),
                ('kling-late', now() - interval '90 seconds', now() - interval '30 seconds')""").update();

        JsonNode lateCalls = slot(first, "kling-late");
        jdbc.sql("update provider_route_creates set answered_at = now() - interval '70 seconds' where route = 'kling-late'")
                .update();
        boolean afterTheirMinute = slot(first, "kling-late").get("granted").asBoolean();
        boolean secondCall = slot(second, "kling-late").get("granted").asBoolean();
        JsonNode whileBothAreUnanswered = slot(third, "kling-late");
        call(HttpMethod.PUT, first, 1, "{\"provider\":\"kling-late\",\"task_id\":\"k-1\",\"delivery\":1}");
        release(second, "kling-late");
        int answered = jdbc.sql("""
                        select count(*) from provider_route_creates
                        where route = 'kling-late' and job_id in (:ids) and answered_at is not null""")
                .param("ids", List.of(first, second)).query(Integer.class).single();

        assertThat(lateCalls.get("granted").asBoolean()).as("granted 90 s ago, answered 30 s ago: %s", lateCalls)
                .isFalse();
        assertThat(lateCalls.get("reason").asString()).isEqualTo("creates_per_minute");
        assertThat(lateCalls.get("retry_after_millis").asLong()).as("until a minute after the answer")
                .isBetween(28_000L, 32_000L);
        assertThat(afterTheirMinute).as("a minute after their answers").isTrue();
        assertThat(secondCall).isTrue();
        assertThat(whileBothAreUnanswered.get("granted").asBoolean()).as("two calls out, not answered yet").isFalse();
        assertThat(answered).as("the recorded task and the released slot answer their calls").isEqualTo(2);

        jdbc.sql("""
                update provider_route_creates set at = now() - interval '4 minutes', answered_at = null
                where route = 'kling-late' and job_id in (:ids)""").param("ids", List.of(first, second)).update();
        assertThat(slot(third, "kling-late").get("granted").asBoolean())
                .as("calls granted minutes ago and never answered (their workers died) count no longer").isTrue();
    }

    @Test
    void slotsAreRefusedToAttemptsThatAreNotLiveAndToBadRequests() {
        UUID job = admitted();
        post("/internal/jobs/" + job + "/attempts/1/claims", "{\"worker_id\":\"w\"}");
        UUID cancelled = created();
        post("/internal/jobs/" + cancelled + "/cancel");

        assertThatProblem(slotOf(job, 1, "{\"route\":\"runway-capped\",\"delivery\":0}")).hasStatus(409)
                .hasCode("delivery_superseded");
        assertThatProblem(slotOf(cancelled, 1, "{\"route\":\"runway-capped\",\"delivery\":1}")).hasStatus(409)
                .hasCode("attempt_not_live");
        assertThatProblem(slotOf(job, 1, "{\"delivery\":1}")).hasStatus(400).hasCode("invalid_request");
    }

    /** A job the scheduler admitted (dispatched): one a worker may claim. */
    private UUID admitted() {
        UUID job = created();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select admitted_at is not null from jobs where id = :id")
                .param("id", job).query(Boolean.class).single());
        return job;
    }

    private UUID created() {
        JobsApi.CreateJob request = aCreateJob().id(UUID.randomUUID()).build();
        client().post().uri("/internal/jobs").contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(request)).retrieve().toBodilessEntity();
        return request.jobId();
    }

    private void post(String path) {
        post(path, "{}");
    }

    private void post(String path, String body) {
        client().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }

    private JsonNode slot(UUID job, String route) {
        return slotOf(job, 1, "{\"route\":\"" + route + "\",\"delivery\":1}");
    }

    private JsonNode slotOf(UUID job, int attempt, String body) {
        return client().post().uri("/internal/jobs/{id}/attempts/{attempt}/route-slots", job, attempt)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((req, res) -> json.readTree(res.getBody()));
    }

    private void release(UUID job, String route) {
        client().delete().uri("/internal/jobs/{id}/attempts/1/route-slots/{route}", job, route).retrieve()
                .toBodilessEntity();
    }

    private JsonNode call(HttpMethod method, UUID job, int attempt, String body) {
        RestClient.RequestBodySpec spec = client().method(method)
                .uri("/internal/jobs/{id}/attempts/{attempt}/provider-task", job, attempt);
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((req, res) -> json.readTree(res.getBody()));
    }

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestServers.INTERNAL_TOKEN).build();
    }
}
