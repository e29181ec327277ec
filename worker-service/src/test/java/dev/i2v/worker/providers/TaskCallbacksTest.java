package dev.i2v.worker.providers;

import static dev.i2v.worker.providers.SimulatorFixtures.clip;
import static dev.i2v.worker.providers.SimulatorFixtures.http;
import static dev.i2v.worker.providers.SimulatorFixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.i2v.fixtures.TestImages;
import dev.i2v.kit.callbacks.CallbackLinks;
import dev.i2v.simulator.MiniMaxSimulator;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.engine.VideoEngine.Attempt;
import dev.i2v.worker.providers.minimax.MiniMaxAdapter;

/**
 * A MiniMax job whose next poll is a minute away completes within moments of its task ending, because MiniMax calls
 * back: the create carries a signed link, the challenge is answered, and the status callback wakes the job, which
 * queries the task (the callback's body is not what completes it). The "gateway" here is a few lines doing what the
 * gateway's callback route does (verify, echo, wake); the real route is tested end to end in the local stack.
 */
class TaskCallbacksTest {

    private static final String TOKEN = "internal-token-for-callback-tests";

    @TempDir
    Path dir;

    private final TaskWakeups wakeups = new TaskWakeups();
    private final CallbackLinks links = new CallbackLinks(TOKEN);
    private final JsonMapper json = JsonMapper.builder().build();
    private final AtomicInteger challenges = new AtomicInteger();
    private final AtomicInteger wakes = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private HttpServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        gateway.createContext(CallbackLinks.PATH + "/", this::callback);
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void aCallbackCutsTheWaitForTheNextPollShort() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofSeconds(1)))) {
            VideoEngine engine = engine(minimax, new TaskCallbacks(links,
                    URI.create("http://127.0.0.1:" + gateway.getAddress().getPort()), wakeups));
            Attempt attempt = new Attempt(UUID.randomUUID(), 1, 1);

            long started = System.nanoTime();
            engine.render(request("called back", attempt), dir.resolve("c.mp4"), p -> { });
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(dir.resolve("c.mp4")).hasBinaryContent(clip());
            assertThat(took).as("polling alone would wait 60 s for the first poll").isLessThan(Duration.ofSeconds(15));
            assertThat(challenges).as("MiniMax checked the address before taking the task").hasValue(1);
            assertThat(wakes).as("a status callback woke the waiting job").hasPositiveValue();
            assertThat(minimax.billedTasks()).isEqualTo(1);
            assertThat(wakeups.size()).as("the job's entry is gone with it").isZero();
        }
    }

    @Test
    void withoutAPublicAddressNoLinkIsSentAndAForgedCallbackWakesNothing() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(200)))) {
            VideoEngine engine = new ProviderVideoEngine("hailuo-02",
                    List.of(ProviderRoute.single(new MiniMaxAdapter(URI.create(minimax.baseUrl()), http("minimax")),
                            "MiniMax-Hailuo-02", new Semaphore(4))),
                    new ProviderVideoEngine.Timings(Duration.ofMillis(100), Duration.ofMillis(200), 3, Duration.ofSeconds(20)),
                    key -> null, new SimpleMeterRegistry(), new InMemoryProviderTasks(), new TaskCallbacks(links, null, wakeups));

            engine.render(request("polled", new Attempt(UUID.randomUUID(), 1, 1)), dir.resolve("p.mp4"), p -> { });

            assertThat(challenges).as("no callback_url was sent").hasValue(0);
            assertThat(wakeups.wake(UUID.randomUUID(), 1)).as("nobody waits on an unknown attempt").isFalse();
        }
    }

    @Test
    void aCallbackAddressThatFailsMiniMaxsChallengeFallsBackToPollingWithOneTask() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(settings().withTaskTime(Duration.ofMillis(300)))) {
            // an address where nothing answers: MiniMax refuses the create (2013), which created nothing
            VideoEngine engine = new ProviderVideoEngine("hailuo-02",
                    List.of(ProviderRoute.single(new MiniMaxAdapter(URI.create(minimax.baseUrl()), http("minimax")),
                            "MiniMax-Hailuo-02", new Semaphore(4))),
                    new ProviderVideoEngine.Timings(Duration.ofMillis(100), Duration.ofMillis(200), 3, Duration.ofSeconds(20)),
                    key -> null, new SimpleMeterRegistry(), new InMemoryProviderTasks(),
                    new TaskCallbacks(links, URI.create("http://127.0.0.1:1"), wakeups));

            engine.render(request("unreachable callback", new Attempt(UUID.randomUUID(), 1, 1)), dir.resolve("u.mp4"),
                    p -> { });

            assertThat(dir.resolve("u.mp4")).hasBinaryContent(clip());
            assertThat(minimax.createdFor("unreachable callback")).as("one task, polled").isEqualTo(1);
        }
    }

    private VideoEngine engine(MiniMaxSimulator minimax, TaskCallbacks callbacks) {
        return new ProviderVideoEngine("hailuo-02",
                List.of(ProviderRoute.single(new MiniMaxAdapter(URI.create(minimax.baseUrl()), http("minimax")),
                        "MiniMax-Hailuo-02", new Semaphore(4))),
                new ProviderVideoEngine.Timings(Duration.ofSeconds(60), Duration.ofSeconds(60), 3, Duration.ofMinutes(2)),
                key -> null, new SimpleMeterRegistry(), new InMemoryProviderTasks(), callbacks);
    }

    /** What the gateway's route does: a link no worker made is refused; the challenge echoed; else wake the job. */
    private void callback(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(CallbackLinks.PATH.length() + 1);
        String[] parts = path.split("/");
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        var target = links.verify(parts[0], parts.length > 1 ? parts[1] : null);
        String answer = "{}";
        int status = 200;
        if (target.isEmpty()) {
            refused.incrementAndGet();
            status = 404;
        } else if (body.has("challenge")) {
            challenges.incrementAndGet();
            answer = "{\"challenge\":\"" + body.get("challenge").asString() + "\"}";
        } else if (wakeups.wake(target.get().jobId(), target.get().attempt())) {
            wakes.incrementAndGet();
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static VideoEngine.VideoRequest request(String prompt, Attempt attempt) {
        byte[] image = TestImages.png(1280, 720);
        return new VideoEngine.VideoRequest(() -> image, prompt, 6, "768P", false, null, attempt);
    }
}
