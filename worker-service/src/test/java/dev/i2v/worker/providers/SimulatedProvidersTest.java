package dev.i2v.worker.providers;

import static dev.i2v.worker.providers.SimulatorFixtures.clip;
import static dev.i2v.worker.providers.SimulatorFixtures.http;
import static dev.i2v.worker.providers.SimulatorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.i2v.fixtures.TestImages;
import dev.i2v.worker.providers.minimax.MiniMaxAdapter;
import dev.i2v.worker.providers.runway.RunwayAdapter;
import dev.i2v.simulator.MiniMaxSimulator;
import dev.i2v.simulator.RunwaySimulator;
import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.VideoEngine;

/**
 * The MiniMax and Runway adapters against the stateful simulators (tasks that take time, limits, billing), as
 * the stack will run them: a job's task is created once, polled until it ends and its video copied; a moderated
 * prompt fails for good and costs nothing; Runway's concurrency limit queues the third task instead of failing it.
 */
class SimulatedProvidersTest {

    @TempDir
    Path dir;

    @Test
    void aMiniMaxJobCreatesOneTaskWaitsForItAndIsBilledOnce() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(800)))) {
            VideoEngine engine = engine(new MiniMaxAdapter(URI.create(minimax.baseUrl()), http("minimax")),
                    "MiniMax-Hailuo-02");

            VideoEngine.RenderedVideo video = engine.render(request("a cat looks up"), dir.resolve("a.mp4"), p -> { });

            assertThat(video.durationSeconds()).isPositive();
            assertThat(dir.resolve("a.mp4")).hasBinaryContent(clip());
            assertThat(minimax.createdFor("a cat looks up")).isEqualTo(1);
            assertThat(minimax.billedTasks()).isEqualTo(1);
            assertThatThrownBy(() -> engine.render(request("a cat [sim:moderation]"), dir.resolve("b.mp4"), p -> { }))
                    .isInstanceOfSatisfying(EngineException.class, e -> {
                        assertThat(e.code()).isEqualTo("moderation_blocked");
                        assertThat(e.retryable()).isFalse();
                    });
            assertThat(minimax.billedTasks()).isEqualTo(1);
        }
    }

    @Test
    void runwayQueuesTasksBeyondTheAccountsConcurrencyAndEachJobStillEndsWithOneTask() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofMillis(700))
                .withMaxConcurrent(1))) {
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo");

            Thread[] jobs = new Thread[3];
            for (int i = 0; i < jobs.length; i++) {
                int n = i;
                jobs[i] = Thread.ofVirtual().start(() ->
                        engine.render(request("dog " + n), dir.resolve("dog" + n + ".mp4"), p -> { }));
            }
            for (Thread job : jobs) {
                job.join(Duration.ofSeconds(30));
            }

            for (int i = 0; i < jobs.length; i++) {
                assertThat(dir.resolve("dog" + i + ".mp4")).hasBinaryContent(clip());
                assertThat(runway.createdFor("dog " + i)).isEqualTo(1);
            }
            assertThat(runway.maxRunningSeen()).isEqualTo(1);
            assertThat(runway.billedTasks()).isEqualTo(3);
        }
    }

    @Test
    void aJobWaitingForTheProvidersTurnHasNotReadItsImageAndReadsItOnce() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(300)))) {
            Semaphore turn = new Semaphore(0);
            AtomicInteger reads = new AtomicInteger();
            VideoEngine engine = new ProviderVideoEngine("public-model", "MiniMax-Hailuo-02",
                    new MiniMaxAdapter(URI.create(minimax.baseUrl()), http("minimax")),
                    new ProviderVideoEngine.Timings(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofSeconds(30)),
                    turn, key -> null, new SimpleMeterRegistry(), new InMemoryProviderTasks());
            VideoEngine.VideoRequest request = new VideoEngine.VideoRequest(() -> {
                reads.incrementAndGet();
                return TestImages.png(1280, 720);
            }, "waiting its turn", 6, "768P", false, null, null);

            Thread job = Thread.ofVirtual().start(() -> engine.render(request, dir.resolve("w.mp4"), p -> { }));
            Thread.sleep(300);
            assertThat(job.isAlive()).as("waiting for the provider's turn").isTrue();
            assertThat(reads).hasValue(0);
            turn.release();
            job.join(Duration.ofSeconds(30));

            assertThat(dir.resolve("w.mp4")).hasBinaryContent(clip());
            assertThat(reads).hasValue(1);
            assertThat(minimax.createdFor("waiting its turn")).isEqualTo(1);
        }
    }

    @Test
    void aJobStoppedWhileItsRunwayTaskRunsCancelsTheTaskAndIsNotBilled() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofSeconds(30)))) {
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo");

            Thread job = Thread.ofVirtual().start(() -> {
                try {
                    engine.render(request("stopped"), dir.resolve("s.mp4"), p -> { });
                } catch (EngineException expected) {
                    // stopped: the runner reports nothing for an interrupted job
                }
            });
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runway.createdFor("stopped") == 1);
            Thread.sleep(200);
            job.interrupt(); // what a cancel or a lost job does to the job's thread
            job.join(Duration.ofSeconds(10));

            assertThat(runway.cancelledTasks()).hasSize(1);
            assertThat(runway.billedTasks()).isZero();
        }
    }

    private static VideoEngine engine(ProviderAdapter adapter, String providerModel) {
        return new ProviderVideoEngine("public-model", providerModel, adapter,
                new ProviderVideoEngine.Timings(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofSeconds(30)),
                new Semaphore(8), key -> null, new SimpleMeterRegistry(), new InMemoryProviderTasks());
    }

    private static VideoEngine.VideoRequest request(String prompt) {
        return new VideoEngine.VideoRequest(TestImages.png(1280, 720), prompt, 6, "768P");
    }
}
