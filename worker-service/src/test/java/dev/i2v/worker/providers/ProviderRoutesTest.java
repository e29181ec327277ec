package dev.i2v.worker.providers;

import static dev.i2v.worker.providers.SimulatorFixtures.clip;
import static dev.i2v.worker.providers.SimulatorFixtures.http;
import static dev.i2v.worker.providers.SimulatorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.i2v.fixtures.TestImages;
import dev.i2v.simulator.MiniMaxSimulator;
import dev.i2v.simulator.RunwaySimulator;
import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.engine.VideoEngine.Attempt;
import dev.i2v.worker.providers.minimax.MiniMaxAdapter;
import dev.i2v.worker.providers.runway.RunwayAdapter;

/**
 * A model served by two MiniMax accounts (two simulators): a failing first route sends jobs to the second before
 * any task exists, its breaker opens so later jobs go straight to the second, and it takes tasks again once it
 * recovers; a task that exists is never re-created elsewhere, whatever its route does.
 */
class ProviderRoutesTest {

    @TempDir
    Path dir;

    private final InMemoryProviderTasks tasks = new InMemoryProviderTasks();

    @Test
    void aFailingRouteSendsNewTasksToTheNextAndTakesThemBackWhenItRecovers() throws Exception {
        try (MiniMaxSimulator first = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(300)));
             MiniMaxSimulator second = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(300)))) {
            ProviderRoute a = route("minimax-a", first, breaker("minimax-a", Duration.ofSeconds(3)));
            ProviderRoute b = route("minimax-b", second, breaker("minimax-b", Duration.ofSeconds(3)));
            VideoEngine engine = engine(List.of(a, b));
            first.outage(true);

            render(engine, "job 1");
            assertThat(second.createdFor("job 1")).as("job 1 moved to the second route").isEqualTo(1);
            assertThat(first.createdTasks()).isZero();
            render(engine, "job 2");
            assertThat(a.breaker().getState()).as("two failures in a row open the first route")
                    .isEqualTo(CircuitBreaker.State.OPEN);

            render(engine, "job 3");
            assertThat(second.createdFor("job 3")).isEqualTo(1);
            assertThat(a.breaker().getMetrics().getNumberOfNotPermittedCalls())
                    .as("job 3 was not even tried on the open route").isPositive();

            first.outage(false);
            Thread.sleep(3_100); // the open time passes: the next create is the first route's trial call
            render(engine, "job 4");
            assertThat(first.createdFor("job 4")).as("the recovered route takes tasks again").isEqualTo(1);
            assertThat(a.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(first.billedTasks() + second.billedTasks()).as("one paid task per job").isEqualTo(4);
            assertThat(tasks.recorded(attempt("job 1")).orElseThrow().provider()).as("recorded with the route's account")
                    .isEqualTo("minimax-b");
        }
    }

    @Test
    void aTaskThatExistsIsNeverCreatedAgainOnAnotherRouteWhenItsRouteFails() throws Exception {
        try (MiniMaxSimulator first = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofSeconds(30)));
             MiniMaxSimulator second = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(300)))) {
            VideoEngine engine = engine(List.of(route("minimax-a", first, breaker("minimax-a", Duration.ofSeconds(30))),
                    route("minimax-b", second, breaker("minimax-b", Duration.ofSeconds(30)))));
            Thread job = Thread.ofVirtual().start(() -> {
                try {
                    engine.render(request("pinned"), dir.resolve("p.mp4"), p -> { });
                } catch (EngineException expected) {
                    // provider_unavailable once the first route stays down past the error budget
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.createdFor("pinned") == 1);
            first.outage(true);
            job.join(Duration.ofSeconds(20));

            assertThat(job.isAlive()).as("the job gave up on its unreachable task").isFalse();
            assertThat(second.createdTasks()).as("no second task for a job whose task exists").isZero();
        }
    }

    @Test
    void anOutageOfTheTasksRouteShorterThanTheGraceIsWaitedOutAndTheJobEndsWithItsOneTask() throws Exception {
        try (MiniMaxSimulator first = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofSeconds(2)));
             MiniMaxSimulator second = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(300)))) {
            VideoEngine engine = new ProviderVideoEngine("hailuo-02",
                    List.of(route("minimax-a", first, breaker("minimax-a", Duration.ofSeconds(30))),
                            route("minimax-b", second, breaker("minimax-b", Duration.ofSeconds(30)))),
                    new ProviderVideoEngine.Timings(Duration.ofMillis(50), Duration.ofMillis(200), 4,
                            Duration.ofSeconds(30), Duration.ofSeconds(10)),
                    key -> null, new SimpleMeterRegistry(), tasks, TaskCallbacks.none());
            Thread job = Thread.ofVirtual().start(() -> render(engine, "outlasting"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.createdFor("outlasting") == 1);
            first.outage(true);
            Thread.sleep(3_000); // far more than 4 failed polls at 50–200 ms, well within the 10 s grace
            first.outage(false);
            job.join(Duration.ofSeconds(20));

            assertThat(job.isAlive()).isFalse();
            assertThat(dir.resolve("outlasting.mp4")).hasBinaryContent(clip());
            assertThat(first.billedTasks()).as("the job's one task").isEqualTo(1);
            assertThat(second.createdTasks()).isZero();
        }
    }

    @Test
    void aTaskTheProviderNoLongerKnowsEndsTheAttemptWithoutWaitingOutTheGrace() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofSeconds(30)))) {
            VideoEngine engine = new ProviderVideoEngine("runway-gen4-turbo",
                    List.of(ProviderRoute.single(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")),
                            "gen4_turbo", new Semaphore(4))),
                    new ProviderVideoEngine.Timings(Duration.ofMillis(50), Duration.ofMillis(200), 3,
                            Duration.ofSeconds(60), Duration.ofSeconds(60)),
                    key -> null, new SimpleMeterRegistry(), tasks, TaskCallbacks.none());
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread job = Thread.ofVirtual().start(() -> {
                try {
                    engine.render(request("deleted elsewhere"), dir.resolve("d.mp4"), p -> { });
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> tasks.recorded(attempt("deleted elsewhere")).isPresent());
            String task = tasks.recorded(attempt("deleted elsewhere")).orElseThrow().taskId();
            // what a cancel from elsewhere (a stale worker, the operator's console) does: the task is gone at Runway
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runway.baseUrl() + "/v1/tasks/" + task))
                    .header("Authorization", "Bearer " + SimulatorFixtures.KEY).header("X-Runway-Version", "2024-11-06")
                    .DELETE().build(), HttpResponse.BodyHandlers.discarding());
            job.join(Duration.ofSeconds(15));

            assertThat(job.isAlive()).as("not waiting out a 60 s outage grace for a task that is gone").isFalse();
            assertThat(outcome.get()).isInstanceOfSatisfying(EngineException.class,
                    e -> assertThat(e.code()).isEqualTo("provider_unavailable"));
        }
    }

    @Test
    void whenEveryRouteIsOpenTheJobFailsRetryableWithoutCreatingAnything() throws Exception {
        try (MiniMaxSimulator only = MiniMaxSimulator.start(settings())) {
            ProviderRoute route = route("minimax", only, breaker("minimax", Duration.ofMinutes(5)));
            route.breaker().transitionToOpenState();

            assertThatThrownBy(() -> engine(List.of(route)).render(request("nowhere"), dir.resolve("n.mp4"), p -> { }))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.code()).isEqualTo("provider_unavailable");
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.getMessage()).contains("every route");
                    });
            assertThat(only.createdTasks()).isZero();
        }
    }

    @Test
    void routesOfEqualPriorityShareNewTasksByWeight() {
        ProviderRoute heavy = new ProviderRoute("heavy", null, "m", 0, 3, new Semaphore(1),
                CircuitBreaker.ofDefaults("heavy"));
        ProviderRoute light = new ProviderRoute("light", null, "m", 0, 1, new Semaphore(1),
                CircuitBreaker.ofDefaults("light"));
        ProviderRoute fallback = new ProviderRoute("fallback", null, "m", 1, 1, new Semaphore(1),
                CircuitBreaker.ofDefaults("fallback"));
        ProviderRoutes routes = new ProviderRoutes(List.of(fallback, light, heavy));

        int heavyChosen = 0;
        int fallbackChosen = 0;
        for (int i = 0; i < 4000; i++) {
            ProviderRoute chosen = routes.choose(null).orElseThrow();
            heavyChosen += chosen == heavy ? 1 : 0;
            fallbackChosen += chosen == fallback ? 1 : 0;
            chosen.worked(System.nanoTime());
        }
        assertThat(fallbackChosen).as("a lower priority is used only when the better tier refuses").isZero();
        assertThat(heavyChosen).as("weight 3 of 4").isBetween(2800, 3200);
        assertThat(routes.choose(heavy).orElseThrow()).as("the route that just failed a job is passed over")
                .isSameAs(light);
    }

    private void render(VideoEngine engine, String prompt) {
        engine.render(request(prompt), dir.resolve(prompt.replace(' ', '-') + ".mp4"), p -> { });
        assertThat(dir.resolve(prompt.replace(' ', '-') + ".mp4")).hasBinaryContent(clip());
    }

    private VideoEngine engine(List<ProviderRoute> routes) {
        return new ProviderVideoEngine("hailuo-02", routes,
                new ProviderVideoEngine.Timings(Duration.ofMillis(50), Duration.ofMillis(200), 4, Duration.ofSeconds(30)),
                key -> null, new SimpleMeterRegistry(), tasks, TaskCallbacks.none());
    }

    /** Routes in the order given: the first is tried first. */
    private static ProviderRoute route(String name, MiniMaxSimulator simulator, CircuitBreaker breaker) {
        return new ProviderRoute(name, new MiniMaxAdapter(URI.create(simulator.baseUrl()), http("minimax")),
                "MiniMax-Hailuo-02", name.endsWith("-b") ? 1 : 0, 1, new Semaphore(8), breaker);
    }

    /** Opens after 2 failures in a row, as {@code i2v.providers.breaker.failures=2} would make it. */
    private static CircuitBreaker breaker(String name, Duration openFor) {
        return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(100)
                .waitDurationInOpenState(openFor).permittedNumberOfCallsInHalfOpenState(1).build());
    }

    private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();

    private Attempt attempt(String prompt) {
        return attempts.computeIfAbsent(prompt, p -> new Attempt(UUID.randomUUID(), 1, 1));
    }

    private VideoEngine.VideoRequest request(String prompt) {
        byte[] image = TestImages.png(1280, 720);
        return new VideoEngine.VideoRequest(() -> image, prompt, 6, "768P", false, null, attempt(prompt));
    }
}
