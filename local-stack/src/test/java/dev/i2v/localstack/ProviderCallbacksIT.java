package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.i2v.fixtures.TestImages;
import dev.i2v.kit.callbacks.CallbackLinks;
import dev.i2v.simulator.FalWebhookSigner;
import dev.i2v.simulator.MiniMaxSimulator;
import dev.i2v.simulator.SimulatorSettings;

/**
 * Hosted models on the whole stack with callbacks and two routes: `hailuo-02` is served by two MiniMax accounts
 * (two simulators), and its polls are a minute apart, so a job that ends in seconds was completed by MiniMax's
 * callback through the gateway's public route, Kafka and the worker. The route refuses what no worker signed and
 * what is not the provider's JSON, and a fal webhook without fal's Ed25519 signature; a failing first account
 * sends jobs to the second without a second task.
 */
class ProviderCallbacksIT {

    @TempDir
    static Path data;

    static LocalStack stack;
    static StackClient api;
    static MiniMaxSimulator first;
    static MiniMaxSimulator second;
    static FalWebhookSigner fal;
    static CallbackLinks links;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration TASK = Duration.ofSeconds(3);

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        Path clip = Files.createTempFile("provider-output", ".mp4");
        Ffprobe.render6sTestPattern(clip, 640, 480);
        SimulatorSettings settings = SimulatorSettings.defaults(Files.readAllBytes(clip))
                .withApiKeys(Set.of("sim-minimax-key")).withTaskTime(TASK);
        first = MiniMaxSimulator.start(settings);
        second = MiniMaxSimulator.start(settings);
        fal = FalWebhookSigner.start();
        StackConfig config = StackConfig.ephemeral(home, data, 1);
        stack = LocalStack.start(config.with(Map.ofEntries(
                Map.entry("i2v.gateway.providers", "minimax"),
                Map.entry("i2v.providers.minimax.api-key", "sim-minimax-key"),
                Map.entry("i2v.providers.minimax.base-url", first.baseUrl()),
                Map.entry("i2v.providers.minimax-b.adapter", "minimax"),
                Map.entry("i2v.providers.minimax-b.api-key", "sim-minimax-key"),
                Map.entry("i2v.providers.minimax-b.base-url", second.baseUrl()),
                Map.entry("i2v.models.hailuo-02.routes[0].account", "minimax"),
                Map.entry("i2v.models.hailuo-02.routes[1].account", "minimax-b"),
                Map.entry("i2v.providers.breaker.failures", "2"),
                Map.entry("i2v.providers.breaker.open-for", "10m"),
                Map.entry("i2v.providers.callbacks.base-url", "http://127.0.0.1:" + config.gatewayPort()),
                Map.entry("i2v.gateway.provider-callbacks.fal-jwks-url", fal.jwksUrl()),
                // without callbacks a job would wait a minute for its first poll
                Map.entry("i2v.providers.poll.first", "60s"),
                Map.entry("i2v.providers.poll.max", "60s"))));
        api = new StackClient(stack);
        links = new CallbackLinks(Files.readString(data.resolve("internal-token")).strip());
        // a gateway that has just started answers the first requests on a route slowly, and MiniMax allows 3 s for
        // its challenge: the route is used a few times first, as a serving gateway's would have been (a refused
        // challenge is survived anyway — the task is created without a callback — but then waits for a poll)
        for (int i = 0; i < 5; i++) {
            callback("minimax", links.token("minimax", UUID.randomUUID(), 1), "{\"challenge\":\"warm-up\"}");
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        if (fal != null) {
            fal.close();
        }
    }

    @Test
    void aHostedJobCompletesOnItsCallbackNotItsNextPoll() throws Exception {
        String key = api.newAccount("free")[0];
        String prompt = "a kite over dunes " + UUID.randomUUID();

        long submitted = System.nanoTime();
        String id = submit(key, prompt);
        JsonNode job = api.awaitTerminal(key, id, Duration.ofSeconds(50));
        double seconds = (System.nanoTime() - submitted) / 1e9;

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(seconds).as("done within seconds of the %s task's end, long before the first poll (60 s)",
                TASK).isLessThan(30);
        assertThat(first.createdFor(prompt) + second.createdFor(prompt)).as("one task for the job").isEqualTo(1);
        System.out.printf("callbacks: submit -> succeeded %.1f s for a %d s MiniMax task (first poll at 60 s)%n",
                seconds, TASK.toSeconds());
    }

    @Test
    void theCallbackRouteRefusesForgedLinksBodiesThatAreNotTheProvidersJsonAndReplays() throws Exception {
        UUID job = UUID.randomUUID();
        String forged = job + ".1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        HttpResponse<String> refused = callback("minimax", forged, "{\"task_id\":\"1\",\"status\":\"success\"}");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        String token = links.token("minimax", job, 1);
        assertThat(callback("runway", links.token("runway", job, 1), "{}").statusCode())
                .as("Runway has no callbacks").isEqualTo(404);
        HttpResponse<String> notJson = callback("minimax", token, "<xml/>");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("invalid_callback").doesNotContain("Exception");

        HttpResponse<String> challenge = callback("minimax", token, "{\"challenge\":\"c-123\"}");
        assertThat(challenge.statusCode()).isEqualTo(200);
        assertThat(StackClient.JSON.readTree(challenge.body()).get("challenge").asString()).isEqualTo("c-123");
        assertThat(callback("minimax", token, "{\"task_id\":\"1\",\"status\":\"success\"}").statusCode())
                .as("a job nobody waits on: accepted and dropped, nothing trusted from it").isEqualTo(200);
        HttpResponse<String> replayed = callback("minimax", token, "{\"task_id\":\"1\",\"status\":\"success\"}");
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(StackClient.JSON.readTree(replayed.body()).path("duplicate").asBoolean())
                .as("the same callback again is acknowledged, not passed on").isTrue();
    }

    @Test
    void aFalWebhookNeedsFalsSignatureBesideItsLink() throws Exception {
        String token = links.token("fal", UUID.randomUUID(), 1);
        byte[] body = "{\"request_id\":\"r-9\",\"status\":\"OK\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> unsigned = callback("fal", token, body, Map.of());
        HttpResponse<String> forged = callback("fal", token, body, FalWebhookSigner.forged("r-9", body));
        HttpResponse<String> signed = callback("fal", token, body, fal.headers("r-9", body));

        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(401);
        assertThat(unsigned.body()).contains("invalid_signature");
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(signed.statusCode()).as("signed by the key fal publishes: " + signed.body()).isEqualTo(200);
    }

    @Test
    void aFailingFirstAccountSendsJobsToTheSecondWithOneTaskEach() throws Exception {
        String key = api.newAccount("free")[0];
        first.outage(true);
        try {
            String a = "route failover a " + UUID.randomUUID();
            String b = "route failover b " + UUID.randomUUID();
            String jobA = submit(key, a);
            JsonNode endA = api.awaitTerminal(key, jobA, Duration.ofSeconds(60));
            assertThat(endA.get("status").asString()).as(endA.toString()).isEqualTo("succeeded");
            String jobB = submit(key, b);
            JsonNode endB = api.awaitTerminal(key, jobB, Duration.ofSeconds(60));
            assertThat(endB.get("status").asString()).as(endB.toString()).isEqualTo("succeeded");

            assertThat(second.createdFor(a)).isEqualTo(1);
            assertThat(second.createdFor(b)).isEqualTo(1);
            assertThat(first.createdFor(a) + first.createdFor(b)).isZero();
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + stack.workerPort(0) + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode routes = StackClient.JSON.readTree(health.body()).path("components").path("providerRoutes")
                    .path("details").path("routes");
            assertThat(routes.path("minimax").path("state").asString()).as(health.body()).isEqualTo("OPEN");
            assertThat(routes.path("minimax-b").path("state").asString()).isEqualTo("CLOSED");
        } finally {
            first.outage(false);
        }
    }

    private static String submit(String key, String prompt) {
        StackClient.Answer answer = api.submit(key, TestImages.gradient("png", 640, 480), prompt, "hailuo-02",
                "standard");
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(202);
        return answer.body().get("id").asString();
    }

    private static HttpResponse<String> callback(String provider, String token, String body) throws Exception {
        return callback(provider, token, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static HttpResponse<String> callback(String provider, String token, byte[] body,
                                                 Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + stack.config().gatewayPort() + CallbackLinks.PATH + "/" + provider + "/" + token))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
