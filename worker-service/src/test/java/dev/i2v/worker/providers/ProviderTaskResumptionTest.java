package dev.i2v.worker.providers;

import static dev.i2v.worker.providers.SimulatorFixtures.clip;
import static dev.i2v.worker.providers.SimulatorFixtures.http;
import static dev.i2v.worker.providers.SimulatorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * Every provider task paid once: an attempt's task is recorded the moment it exists, a later delivery of the same
 * attempt (a worker crashed, froze or drained) polls it instead of creating another, and an attempt that is over
 * calls no provider — counted by the simulators' billing ledgers.
 */
class ProviderTaskResumptionTest {

    @TempDir
    Path dir;

    @Test
    void aSecondDeliveryOfTheAttemptPollsTheFirstDeliverysTaskAndNothingIsBilledTwice() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(1500)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            UUID job = UUID.randomUUID();
            Attempt first = new Attempt(job, 1, 1);
            Attempt second = new Attempt(job, 1, 2);
            // the first delivery's worker creates the task and then stops answering (frozen): its thread keeps
            // running here, as a frozen worker's would once it wakes
            Thread frozen = Thread.ofVirtual().start(() -> minimaxEngine(minimax, tasks)
                    .render(request("a fox turns", first), dir.resolve("frozen.mp4"), p -> { }));
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.recorded(first).isPresent());

            VideoEngine.RenderedVideo video = minimaxEngine(minimax, tasks)
                    .render(request("a fox turns", second), dir.resolve("taken-over.mp4"), p -> { });
            frozen.join(Duration.ofSeconds(20));

            assertThat(tasks.wasAsked(second)).isTrue();
            assertThat(video.durationSeconds()).isPositive();
            assertThat(dir.resolve("taken-over.mp4")).hasBinaryContent(clip());
            assertThat(minimax.createdFor("a fox turns")).as("tasks created for the job").isEqualTo(1);
            assertThat(minimax.billedTasks()).isEqualTo(1);
        }
    }

    @Test
    void anAttemptThatIsOverCallsNoProvider() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings())) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            Attempt cancelled = new Attempt(UUID.randomUUID(), 1, 1);
            tasks.end(cancelled);

            assertThatThrownBy(() -> minimaxEngine(minimax, tasks)
                    .render(request("cancelled while queued", cancelled), dir.resolve("c.mp4"), p -> { }))
                    .isInstanceOf(EngineException.AttemptOver.class);

            assertThat(minimax.createdTasks()).isZero();
            assertThat(dir.resolve("c.mp4")).doesNotExist();
        }
    }

    @Test
    void aTaskCreatedForAnAttemptThatEndedMeanwhileIsCancelledWhereTheProviderHasACancel() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofSeconds(20)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            Attempt attempt = new Attempt(UUID.randomUUID(), 1, 1);
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo",
                    tasks);
            // job-service is down from the create on, and the job is cancelled before the task could be recorded
            tasks.failNextRecords(Integer.MAX_VALUE);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread job = Thread.ofVirtual().start(() -> {
                try {
                    engine.render(request("ends meanwhile", attempt), dir.resolve("m.mp4"), p -> { });
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> runway.createdTasks() == 1);
            tasks.end(attempt);
            job.join(Duration.ofSeconds(10));

            assertThat(outcome.get()).isInstanceOf(EngineException.AttemptOver.class);
            assertThat(runway.cancelledTasks()).hasSize(1);
            assertThat(runway.billedTasks()).isZero();
        }
    }

    @Test
    void aTaskJobServiceCouldNotRecordAtOnceIsRecordedAtALaterPoll() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(1200)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            Attempt attempt = new Attempt(UUID.randomUUID(), 1, 1);
            tasks.failNextRecords(2);

            minimaxEngine(minimax, tasks).render(request("recorded late", attempt), dir.resolve("l.mp4"), p -> { });

            assertThat(tasks.recorded(attempt)).hasValueSatisfying(task -> {
                assertThat(task.provider()).isEqualTo("minimax");
                assertThat(task.delivery()).isEqualTo(1);
            });
            assertThat(minimax.createdTasks()).isEqualTo(1);
        }
    }

    @Test
    void aJobHandedOverByItsWorkerKeepsItsTaskForTheNextDeliveryButACancelledOneCancelsIt() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofSeconds(5)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo",
                    tasks);
            UUID job = UUID.randomUUID();
            Attempt drained = new Attempt(job, 1, 1);
            Attempt cancelled = new Attempt(UUID.randomUUID(), 1, 1);
            // a drain or a lost lease interrupts the job's thread while its attempt lives on elsewhere
            stopWhileRunning(engine, tasks, drained, "handed over", false);
            VideoEngine.RenderedVideo resumed = engine.render(request("handed over", new Attempt(job, 1, 2)),
                    dir.resolve("resumed.mp4"), p -> { });
            // a cancel interrupts it too, and its attempt is over
            stopWhileRunning(engine, tasks, cancelled, "cancelled by its owner", true);

            assertThat(resumed.durationSeconds()).isPositive();
            assertThat(runway.createdFor("handed over")).as("tasks created for the handed-over job").isEqualTo(1);
            assertThat(runway.createdFor("cancelled by its owner")).isEqualTo(1);
            assertThat(runway.cancelledTasks()).as("only the cancelled job's task is cancelled").hasSize(1);
            assertThat(runway.billedTasks()).isEqualTo(1);
        }
    }

    @Test
    void aWorkerThatLostItsLeaseToAnotherLeavesTheTaskItCreatedForTheNewOwner() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofSeconds(30)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            Attempt stale = new Attempt(UUID.randomUUID(), 1, 1);
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo",
                    tasks);
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    engine.render(request("lost lease", stale), dir.resolve("s.mp4"), p -> { });
                } catch (EngineException expected) {
                    // stopped
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> tasks.recorded(stale).isPresent());
            tasks.handOver(stale); // job-service: delivery_superseded — the attempt runs on under a newer claim
            thread.interrupt();   // what the lost lease does to the stale worker's job
            thread.join(Duration.ofSeconds(10));

            assertThat(thread.isAlive()).isFalse();
            assertThat(runway.cancelledTasks()).as("the new owner's task is left alone").isEmpty();
        }
    }

    @Test
    void aTaskCreatedByAWorkerThatLostTheAttemptBeforeRecordingItIsCancelled() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofSeconds(30)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            Attempt stale = new Attempt(UUID.randomUUID(), 1, 1);
            tasks.takeOverDuringCreate(stale); // the new owner finds no task and creates its own
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo",
                    tasks);

            assertThatThrownBy(() -> engine.render(request("frozen mid-create", stale), dir.resolve("f.mp4"), p -> { }))
                    .isInstanceOf(EngineException.AttemptOver.class);

            assertThat(runway.createdFor("frozen mid-create")).isEqualTo(1);
            assertThat(runway.cancelledTasks()).as("the task nobody will follow is cancelled").hasSize(1);
            assertThat(tasks.recorded(stale)).as("and never becomes the attempt's").isEmpty();
        }
    }

    @Test
    void aJobOverItsRoutesDeploymentBudgetWaitsAndCreatesOnlyWhenGranted() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(settings().withTaskTime(Duration.ofMillis(300)))) {
            InMemoryProviderTasks tasks = new InMemoryProviderTasks();
            tasks.denySlots(3);
            Attempt attempt = new Attempt(UUID.randomUUID(), 1, 1);
            VideoEngine engine = engine(new RunwayAdapter(URI.create(runway.baseUrl()), http("runway")), "gen4_turbo",
                    tasks);

            engine.render(request("waits for budget", attempt), dir.resolve("b.mp4"), p -> { });

            assertThat(tasks.slotCalls()).as("three waits, then the grant").isEqualTo(4);
            assertThat(runway.createdFor("waits for budget")).isEqualTo(1);
            assertThat(runway.refusedForLimits()).isZero();
            assertThat(tasks.releases()).as("the slot is given back when the task ends").isEqualTo(1);
        }
    }

    /** Starts the render, waits for its task to be recorded, ends the attempt if {@code cancel}, then interrupts. */
    private void stopWhileRunning(VideoEngine engine, InMemoryProviderTasks tasks, Attempt attempt, String prompt,
                                  boolean cancel) throws InterruptedException {
        Thread thread = Thread.ofVirtual().start(() -> {
            try {
                engine.render(request(prompt, attempt), dir.resolve(UUID.randomUUID() + ".mp4"), p -> { });
            } catch (EngineException expected) {
                // stopped: the runner reports nothing for an interrupted job
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> tasks.recorded(attempt).isPresent());
        if (cancel) {
            tasks.end(attempt);
        }
        thread.interrupt();
        thread.join(Duration.ofSeconds(10));
    }

    private static VideoEngine minimaxEngine(MiniMaxSimulator minimax, ProviderTasks tasks) {
        return engine(new MiniMaxAdapter(URI.create(minimax.baseUrl()), http("minimax")), "MiniMax-Hailuo-02", tasks);
    }

    private static VideoEngine engine(ProviderAdapter adapter, String providerModel, ProviderTasks tasks) {
        return new ProviderVideoEngine("public-model", providerModel, adapter,
                new ProviderVideoEngine.Timings(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofSeconds(30)),
                new Semaphore(8), key -> null, new SimpleMeterRegistry(), tasks);
    }

    private static VideoEngine.VideoRequest request(String prompt, Attempt attempt) {
        byte[] image = TestImages.png(1280, 720);
        return new VideoEngine.VideoRequest(() -> image, prompt, 6, "768P", false, null, attempt);
    }
}
