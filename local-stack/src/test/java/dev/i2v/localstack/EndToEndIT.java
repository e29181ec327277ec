package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import dev.i2v.fixtures.TestImages;

/**
 * The whole system as {@code bin/dev} runs it: real PostgreSQL and Kafka, the four services in their
 * own JVMs from their jars. One job travels the whole way and is charged; one fails and is not.
 */
class EndToEndIT {

    @TempDir
    static Path data;

    static LocalStack stack;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** MiniMax's API as its documentation describes it, serving a real H.264 clip as the result. */
    static final WireMockServer MINIMAX = new WireMockServer(
            WireMockConfiguration.options().dynamicPort());

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        startMiniMaxStub();
        long started = System.nanoTime();
        stack = LocalStack.start(StackConfig.ephemeral(home, data).with(Map.of(
                "i2v.providers.minimax.api-key", "stub-key",
                "i2v.providers.minimax.base-url", MINIMAX.baseUrl(),
                "i2v.providers.poll.first", "200ms",
                "i2v.providers.poll.max", "500ms",
                "i2v.gateway.providers", "minimax",
                "i2v.gateway.prompt-rewrite", "true",
                // holds outlive this time-to-live while their jobs wait; the sweeper looks often
                "i2v.credits.hold-ttl", "2s",
                "i2v.credits.sweep-interval", "300ms",
                "i2v.prompt-rewrite.base-url", MINIMAX.baseUrl() + "/openai/v1")));
        System.out.printf("end-to-end: stack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
        MINIMAX.stop();
    }

    static final String REWRITTEN = "A ginger cat stretches on a sofa as the camera slowly zooms in.";

    private static void startMiniMaxStub() throws Exception {
        MINIMAX.start();
        // an OpenAI-compatible chat endpoint for the prompt rewrite, on the same stub server
        MINIMAX.stubFor(WireMock.post("/openai/v1/chat/completions").willReturn(WireMock.okJson(
                "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + REWRITTEN + "\"}}]}")));
        Path clip = data.resolve("provider-clip.mp4");
        Ffprobe.render6sTestPattern(clip, 1280, 720);
        MINIMAX.stubFor(WireMock.post("/v1/video_generation").willReturn(
                WireMock.okJson(
                        "{\"task_id\":\"t-77\",\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}")));
        MINIMAX.stubFor(WireMock.get(
                WireMock.urlPathEqualTo("/v1/query/video_generation")).willReturn(
                WireMock.okJson("{\"task_id\":\"t-77\",\"status\":\"Success\","
                        + "\"file_id\":\"f-77\",\"video_width\":1280,\"video_height\":720,\"base_resp\":{\"status_code\":0}}")));
        MINIMAX.stubFor(WireMock.get(
                WireMock.urlPathEqualTo("/v1/files/retrieve")).willReturn(
                WireMock.okJson("{\"file\":{\"file_id\":\"f-77\",\"download_url\":\""
                        + MINIMAX.baseUrl() + "/cdn/f-77.mp4\"},\"base_resp\":{\"status_code\":0}}")));
        MINIMAX.stubFor(WireMock.get("/cdn/f-77.mp4").willReturn(
                WireMock.aResponse().withHeader("Content-Type", "video/mp4")
                        .withBody(Files.readAllBytes(clip))));
    }

    @Test
    void aFreeAccountDownloadsTheWatermarkedRenditionAndAMemberTheCleanMaster() throws Exception {
        StackClient api = new StackClient(stack);
        String[] account = api.newAccount("free");
        StackClient.Answer created = api.submit(account[0], TestImages.gradient("png", 640, 480), "watermark me", "local", "standard");
        JsonNode job = api.awaitTerminal(account[0], created.body().get("id").asString(), Duration.ofMinutes(2));
        assertThat(job.get("output").get("watermarked").asBoolean()).isTrue();
        Path free = download(account[0], job, "free.mp4");

        api.admin("PUT", "/admin/v1/accounts/" + account[1] + "/plan", "{\"plan\":\"standard\"}");
        JsonNode asMember = api.get(account[0], "/v1/videos/" + job.get("id").asString()).body();
        Path clean = download(account[0], job, "clean.mp4");

        assertThat(asMember.get("output").get("watermarked").asBoolean()).isFalse();
        assertThat(Ffprobe.probe(free).get("codec_name")).isEqualTo("h264");
        // 1024x768 output: the badge sits in the lower right; the upper left is untouched
        double markedCorner = Ffprobe.meanDifference(Ffprobe.grayCrop(free, 700, 640, 300, 100),
                Ffprobe.grayCrop(clean, 700, 640, 300, 100));
        double plainCorner = Ffprobe.meanDifference(Ffprobe.grayCrop(free, 0, 0, 300, 100),
                Ffprobe.grayCrop(clean, 0, 0, 300, 100));
        System.out.printf("end-to-end: watermark region differs by %.1f grey levels, an unmarked region by %.1f%n",
                markedCorner, plainCorner);
        assertThat(markedCorner).isGreaterThan(10 * Math.max(1.0, plainCorner));
    }

    private Path download(String key, JsonNode job, String name) throws Exception {
        Path file = data.resolve(job.get("id").asString() + "-" + name);
        HttpResponse<Path> response = HTTP.send(request(key, job.get("output").get("content_url").asString()).build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertThat(response.statusCode()).isEqualTo(200);
        return file;
    }

    @Test
    void aJobRoutedToMiniMaxCompletesThroughTheWholeSystem() throws Exception {
        StackClient api = new StackClient(stack);
        String key = api.newAccount("free")[0];

        StackClient.Answer created = api.submit(key, TestImages.gradient("png", 640, 480), "a cat turns its head", "hailuo-02",
                "standard", true);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
        JsonNode job = api.awaitTerminal(key, created.body().get("id").asString(), Duration.ofMinutes(2));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("output").get("width").asInt()).isEqualTo(1280);
        assertThat(job.get("output").get("height").asInt()).isEqualTo(720);
        assertThat(job.get("output").get("duration").asDouble()).isCloseTo(6.0, within(0.1));
        assertThat(settledCredits(key).get("balance").asLong()).isEqualTo(970);
        MINIMAX.verify(WireMock.postRequestedFor(
                WireMock.urlPathEqualTo("/v1/video_generation"))
                .withRequestBody(WireMock.matchingJsonPath("$.model",
                        WireMock.equalTo("MiniMax-Hailuo-02")))
                .withRequestBody(WireMock.matchingJsonPath("$.prompt_optimizer", WireMock.equalTo("true"))));
    }

    @Test
    void theLocalEngineGetsThePromptRewrittenByTheChatEndpointAndTheJobKeepsIt() throws Exception {
        StackClient api = new StackClient(stack);
        String key = api.newAccount("free")[0];

        StackClient.Answer created = api.submit(key, TestImages.gradient("png", 640, 480), "cat sofa", "local", "standard", true);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
        JsonNode job = api.awaitTerminal(key, created.body().get("id").asString(), Duration.ofMinutes(2));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.get("prompt").asString()).isEqualTo("cat sofa");
        assertThat(job.get("prompt_optimized").asString()).isEqualTo(REWRITTEN);
        MINIMAX.verify(WireMock.postRequestedFor(WireMock.urlPathEqualTo("/openai/v1/chat/completions"))
                .withRequestBody(WireMock.matchingJsonPath("$.messages[1].content", WireMock.equalTo("cat sofa"))));
    }

    @Test
    void aJobTravelsTheWholeWayAndIsCharged() throws Exception {
        String key = stack.demoApiKey();
        assertThat(get(key, "/v1/credits").get("balance").asLong()).isEqualTo(1000);

        long submitted = System.nanoTime();
        HttpResponse<String> created = submit(key, TestImages.gradient("png", 640, 480), "a slow zoom over a gradient");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String id = JSON.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/videos/" + id);
        CompletableFuture<List<String>> events = CompletableFuture.supplyAsync(
                () -> eventNames(key, id));

        JsonNode job = awaitTerminal(key, id);
        System.out.printf("end-to-end: submit to succeeded in %.1f s%n", (System.nanoTime() - submitted) / 1e9);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode output = job.get("output");
        assertThat(output.get("width").asInt()).isEqualTo(1024);
        assertThat(output.get("height").asInt()).isEqualTo(768);

        Path video = data.resolve("downloaded.mp4");
        HttpResponse<Path> content = HTTP.send(request(key, output.get("content_url").asString()).build(),
                HttpResponse.BodyHandlers.ofFile(video));
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.headers().firstValue("Content-Type")).hasValue("video/mp4");
        Map<String, String> probe = Ffprobe.probe(video);
        assertThat(probe.get("codec_name")).isEqualTo("h264");
        assertThat(Integer.parseInt(probe.get("width"))).isEqualTo(output.get("width").asInt());
        assertThat(Integer.parseInt(probe.get("height"))).isEqualTo(output.get("height").asInt());
        assertThat(Double.parseDouble(probe.get("duration"))).isCloseTo(6.0, within(0.1));

        assertThat(events.get(30, TimeUnit.SECONDS)).as("server-sent events, ending after the last")
                .endsWith("succeeded").contains("progress");
        JsonNode credits = settledCredits(key);
        assertThat(credits.get("balance").asLong()).isEqualTo(970);
        assertThat(credits.get("grants").findValuesAsString("kind")).containsExactly("signup");
        assertThat(credits.get("concurrency").get("active").asInt()).isZero();
        assertThat(get(key, "/v1/credits/history").get("data").findValuesAsString("kind"))
                .containsExactly("capture", "hold", "grant");
    }

    @Test
    void aFailedGenerationReleasesItsHold() throws Exception {
        String key = newAccount();

        JsonNode job = awaitTerminal(key, submitInstant(key, "fail:generation_failed"));

        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.get("error").get("code").asString()).isEqualTo("generation_failed");
        JsonNode credits = settledCredits(key);
        assertThat(credits.get("balance").asLong()).isEqualTo(1000);
        assertThat(credits.get("concurrency").get("active").asInt()).isZero();
        assertThat(get(key, "/v1/credits/history").get("data").findValuesAsString("kind"))
                .containsExactly("release", "hold", "grant");
    }

    /**
     * A hold lives as long as its job: with a 2 s time-to-live and the sweeper passing every 300 ms, a job that
     * runs 6 s keeps its points held and its slot taken all along, and its success is charged exactly once.
     */
    @Test
    void aJobOutlivingItsHoldsTtlHoldsItsSlotAllAlongAndIsChargedOnce() throws Exception {
        String key = newAccount();
        String id = submitInstant(key, "sleep:6");

        long deadline = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        int samples = 0;
        while (System.nanoTime() < deadline) {
            JsonNode credits = get(key, "/v1/credits");
            assertThat(credits.get("concurrency").get("active").asInt()).as("slot taken while the job runs").isEqualTo(1);
            assertThat(credits.get("balance").asLong()).as("points held while the job runs").isEqualTo(970);
            samples++;
            Thread.sleep(250);
        }
        JsonNode job = awaitTerminal(key, id);

        assertThat(samples).isGreaterThan(5);
        assertThat(job.get("status").asString()).isEqualTo("succeeded");
        JsonNode credits = settledCredits(key);
        assertThat(credits.get("balance").asLong()).isEqualTo(970);
        assertThat(get(key, "/v1/credits/history").get("data").findValuesAsString("kind"))
                .containsExactly("capture", "hold", "grant");
    }

    /**
     * One trace from submit to result: the client's W3C trace id is the one in the gateway's, job-service's
     * and the worker's log lines for the job (HTTP, the outbox, Kafka and the worker's share consumer between).
     */
    @Test
    void oneTraceIdFollowsAJobThroughGatewayJobServiceKafkaAndWorker() throws Exception {
        StackClient api = new StackClient(stack);
        String key = api.newAccount("free")[0];
        String traceId = HexFormat.of().formatHex(SecureRandom.getSeed(16));
        ApiCall.Reply created = ApiCall.to(stack, "POST", "/v1/videos").key(key)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .form(new Multipart().field("prompt", "traced").field("model", "instant")
                        .file("image", "a.png", "image/png", TestImages.gradient("png", 640, 480))).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.json().get("id").asString();
        JsonNode job = api.awaitTerminal(key, id, Duration.ofMinutes(1));
        assertThat(job.get("status").asString()).isEqualTo("succeeded");

        for (String service : List.of("gateway-service", "job-service", "worker-service")) {
            Path log = data.resolve("logs").resolve(service + ".log");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            boolean traced = false;
            while (!traced && System.nanoTime() < deadline) {
                try (Stream<String> lines = Files.lines(log)) {
                    traced = lines.anyMatch(l -> l.contains(traceId) && l.contains(id));
                }
                Thread.sleep(traced ? 0 : 200);
            }
            assertThat(traced).as(service + " logged job " + id + " in trace " + traceId).isTrue();
        }
    }

    /** Submit → worker start on an idle stack, one job at a time, with the zero-latency test model. */
    @Test
    void submitToWorkerStartLatencyOnAnIdleStack() throws Exception {
        StackClient api = new StackClient(stack);
        String key = api.newAccount("free")[0];
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            StackClient.Answer created = api.submit(key, TestImages.gradient("png", 640, 480), "latency", "instant", "standard");
            assertThat(created.status()).isEqualTo(202);
            JsonNode job = api.awaitTerminal(key, created.body().get("id").asString(), Duration.ofSeconds(60));
            assertThat(job.get("status").asString()).isEqualTo("succeeded");
            millis.add(Duration.between(Instant.parse(job.get("created_at").asString()),
                    Instant.parse(job.get("started_at").asString())).toMillis());
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long p50 = sorted.get(sorted.size() / 2);
        long p99 = sorted.get(sorted.size() - 1);
        System.out.printf("end-to-end: submit -> worker start on an idle stack, %d jobs: p50 %d ms, p99 (max) %d ms%n",
                sorted.size(), p50, p99);
        assertThat(p50).as("a job starts within seconds on an idle stack").isLessThan(5_000);
    }

    @Test
    void operatorsGrantPointsAndTheLedgerAuditFindsNoDrift() throws Exception {
        JsonNode account = JSON.readTree(admin("POST", "/admin/v1/accounts", "{\"plan\":\"free\"}", 201));
        String key = account.get("api_key").asString();
        String id = account.get("account_id").asString();

        admin("POST", "/admin/v1/accounts/" + id + "/grants",
                "{\"points\": 250, \"reason\": \"support\", \"expires_at\": \"2999-01-01T00:00:00Z\", \"idempotency_key\": \"t-1\"}", 200);
        admin("POST", "/admin/v1/accounts/" + id + "/grants",
                "{\"points\": 250, \"reason\": \"support\", \"expires_at\": \"2999-01-01T00:00:00Z\", \"idempotency_key\": \"t-1\"}", 200);
        admin("PUT", "/admin/v1/accounts/" + id + "/plan", "{\"plan\": \"standard\"}", 200);

        JsonNode credits = settledCredits(key);
        assertThat(credits.get("balance").asLong()).isEqualTo(1000 + 250 + 1000);
        assertThat(credits.get("concurrency").get("limit").asInt()).isEqualTo(5);
        assertThat(credits.get("grants").findValuesAsString("kind")).containsExactly("monthly", "admin", "signup");
        JsonNode audit = JSON.readTree(admin("GET", "/admin/v1/ledger/audit", null, 200));
        assertThat(audit.get("drift").size()).as(audit.toString()).isZero();
    }

    private static String admin(String method, String path, String body, int expectedStatus) {
        StackClient.Answer answer = new StackClient(stack).admin(method, path, body);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(expectedStatus);
        return answer.body().toString();
    }

    /**
     * The account's credits once no hold is open: a job's end reaches credits-service through Kafka a
     * moment after the job shows it.
     */
    private static JsonNode settledCredits(String key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode credits = get(key, "/v1/credits");
        while (credits.get("concurrency").get("active").asInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            credits = get(key, "/v1/credits");
        }
        return credits;
    }

    /** The event names of a job's stream, read until the server ends it. */
    private static List<String> eventNames(String key, String id) {
        try {
            HttpResponse<Stream<String>> response = HTTP.send(request(key, "/v1/videos/" + id + "/events")
                    .header("Accept", "text/event-stream").timeout(Duration.ofMinutes(2)).build(),
                    HttpResponse.BodyHandlers.ofLines());
            return response.body().filter(line -> line.startsWith("event:"))
                    .map(line -> line.substring("event:".length()).trim()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode awaitTerminal(String key, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonNode job = get(key, "/v1/videos/" + id);
        while (System.nanoTime() < deadline && !job.get("status").asString().matches("succeeded|failed|cancelled")) {
            Thread.sleep(250);
            job = get(key, "/v1/videos/" + id);
        }
        return job;
    }

    /** Submits to the {@code instant} test model (its prompt says what it does) and returns the job's id. */
    private static String submitInstant(String key, String prompt) throws Exception {
        Multipart form = new Multipart().field("prompt", prompt).field("model", "instant")
                .file("image", "input.png", "image/png", TestImages.gradient("png", 640, 480));
        HttpResponse<String> created = HTTP.send(request(key, "/v1/videos").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        return JSON.readTree(created.body()).get("id").asString();
    }

    private static HttpResponse<String> submit(String key, byte[] image, String prompt) throws Exception {
        Multipart form = new Multipart().field("prompt", prompt).file("image", "input.png", "image/png", image);
        return HTTP.send(request(key, "/v1/videos").header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String newAccount() throws Exception {
        return JSON.readTree(admin("POST", "/admin/v1/accounts", "{\"plan\":\"free\"}", 201)).get("api_key").asString();
    }

    private static JsonNode get(String key, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request(key, path).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder request(String key, String path) {
        return HttpRequest.newBuilder(URI.create(stack.config().gatewayUrl() + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30));
    }
}
