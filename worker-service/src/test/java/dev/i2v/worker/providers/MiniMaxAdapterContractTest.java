package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.LocalKenBurnsEngine;
import dev.i2v.worker.engine.TestImages;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.providers.minimax.MiniMaxAdapter;

/**
 * The MiniMax adapter, driven as an engine, against a stub server that behaves as MiniMax's
 * documentation says: business errors as HTTP 200 with base_resp codes, statuses in mixed case, result
 * URLs that expire, 429 with Retry-After, 5xx, malformed answers, slow answers.
 */
class MiniMaxAdapterContractTest {

    static final WireMockServer MINIMAX = new WireMockServer(options().dynamicPort());
    static byte[] clip;

    @TempDir
    Path dir;

    private VideoEngine engine;
    private final List<Integer> progress = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        MINIMAX.start();
        Path file = Files.createTempFile("minimax-clip", ".mp4");
        new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(TestImages.png(400, 300), "", 1, "360P"), file, p -> { });
        clip = Files.readAllBytes(file);
    }

    @AfterAll
    static void stop() {
        MINIMAX.stop();
    }

    @BeforeEach
    void reset() {
        MINIMAX.resetAll();
        MiniMaxAdapter adapter = new MiniMaxAdapter(URI.create(MINIMAX.baseUrl()), "test-key", 600, Duration.ofMillis(800),
                JsonMapper.builder().build());
        engine = new ProviderVideoEngine("hailuo-02", "MiniMax-Hailuo-02", adapter,
                new ProviderVideoEngine.Timings(Duration.ofMillis(30), Duration.ofMillis(150), 3, Duration.ofSeconds(20)));
        MINIMAX.stubFor(get("/files/clip.mp4").willReturn(aResponse().withBody(clip).withHeader("Content-Type", "video/mp4")));
    }

    @Test
    void aTaskPolledThroughItsStatesEndsWithTheResultCopiedAndMeasured() {
        created();
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("task")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(status("Preparing"))).willSetStateTo("q"));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("task")
                .whenScenarioStateIs("q").willReturn(okJson(status("Queueing"))).willSetStateTo("p"));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("task")
                .whenScenarioStateIs("p").willReturn(okJson(status("processing"))).willSetStateTo("done"));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("task")
                .whenScenarioStateIs("done").willReturn(okJson(success())));
        fileUrl(MINIMAX.baseUrl() + "/files/clip.mp4");

        VideoEngine.RenderedVideo video = render();

        assertThat(video.width()).isEqualTo(480);
        assertThat(video.height()).isEqualTo(360);
        assertThat(video.durationSeconds()).isEqualTo(1.0);
        MINIMAX.verify(postRequestedFor(urlPathEqualTo("/v1/video_generation"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer test-key"))
                .withRequestBody(matchingJsonPath("$.model", com.github.tomakehurst.wiremock.client.WireMock.equalTo("MiniMax-Hailuo-02")))
                .withRequestBody(matchingJsonPath("$.first_frame_image", com.github.tomakehurst.wiremock.client.WireMock.matching("data:image/png;base64,.+"))));
        MINIMAX.verify(4, getRequestedFor(urlPathEqualTo("/v1/query/video_generation")));
    }

    @Test
    void moderationRefusalsFailForGood() {
        MINIMAX.stubFor(post("/v1/video_generation").willReturn(okJson(
                "{\"task_id\":\"\",\"base_resp\":{\"status_code\":1026,\"status_msg\":\"input sensitive\"}}")));

        assertFails("moderation_blocked", false);
    }

    @Test
    void accountProblemsFailForGoodAndDoNotRetry() {
        MINIMAX.stubFor(post("/v1/video_generation").willReturn(okJson(
                "{\"base_resp\":{\"status_code\":1008,\"status_msg\":\"insufficient balance\"}}")));

        assertFails("provider_account_error", false);
        MINIMAX.verify(1, postRequestedFor(urlPathEqualTo("/v1/video_generation")));
    }

    @Test
    void aTooManyRequestsAnswerIsWaitedOutAsItSays() {
        MINIMAX.stubFor(post("/v1/video_generation").inScenario("rate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        MINIMAX.stubFor(post("/v1/video_generation").inScenario("rate").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"task_id\":\"t-1\",\"base_resp\":{\"status_code\":0}}")));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).willReturn(okJson(success())));
        fileUrl(MINIMAX.baseUrl() + "/files/clip.mp4");

        long started = System.nanoTime();
        render();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        MINIMAX.verify(2, postRequestedFor(urlPathEqualTo("/v1/video_generation")));
    }

    @Test
    void serverErrorsAreRetriedWithinTheAttempt() {
        created();
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502)).willSetStateTo("again"));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("flaky")
                .whenScenarioStateIs("again").willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).inScenario("flaky")
                .whenScenarioStateIs("up").willReturn(okJson(success())));
        fileUrl(MINIMAX.baseUrl() + "/files/clip.mp4");

        assertThat(render().width()).isEqualTo(480);
    }

    @Test
    void malformedAnswersOverAndOverFailTheAttemptAsRetryable() {
        created();
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).willReturn(okJson("{not json")));

        assertFails("provider_unavailable", true);
        MINIMAX.verify(3, getRequestedFor(urlPathEqualTo("/v1/query/video_generation")));
    }

    @Test
    void slowAnswersTimeOutAndFailTheAttemptAsRetryable() {
        created();
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).willReturn(okJson(success()).withFixedDelay(2000)));

        assertFails("provider_unavailable", true);
    }

    @Test
    void anExpiredResultUrlIsFetchedAgain() {
        created();
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).willReturn(okJson(success())));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).inScenario("url").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(file(MINIMAX.baseUrl() + "/files/expired.mp4"))).willSetStateTo("fresh"));
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).inScenario("url").whenScenarioStateIs("fresh")
                .willReturn(okJson(file(MINIMAX.baseUrl() + "/files/clip.mp4"))));
        MINIMAX.stubFor(get("/files/expired.mp4").willReturn(aResponse().withStatus(403)));

        assertThat(render().height()).isEqualTo(360);
        MINIMAX.verify(2, getRequestedFor(urlPathEqualTo("/v1/files/retrieve")));
    }

    @Test
    void aFailedGenerationFailsTheAttemptAsRetryable() {
        created();
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/query/video_generation")).willReturn(okJson(status("Fail"))));

        assertFails("provider_unavailable", true);
    }

    private VideoEngine.RenderedVideo render() {
        return engine.render(new VideoEngine.VideoRequest(TestImages.png(640, 480), "a cat", 6, "768P"),
                dir.resolve("out.mp4"), progress::add);
    }

    private void assertFails(String code, boolean retryable) {
        assertThatThrownBy(this::render).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.retryable()).isEqualTo(retryable);
        });
    }

    private static void created() {
        MINIMAX.stubFor(post("/v1/video_generation").willReturn(okJson(
                "{\"task_id\":\"t-1\",\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}")));
    }

    private static void fileUrl(String url) {
        MINIMAX.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).willReturn(okJson(file(url))));
    }

    private static String status(String status) {
        return "{\"task_id\":\"t-1\",\"status\":\"" + status + "\",\"base_resp\":{\"status_code\":0}}";
    }

    private static String success() {
        return "{\"task_id\":\"t-1\",\"status\":\"Success\",\"file_id\":\"f-1\",\"video_width\":480,\"video_height\":360,"
                + "\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}";
    }

    private static String file(String url) {
        return "{\"file\":{\"file_id\":\"f-1\",\"download_url\":\"" + url + "\"},\"base_resp\":{\"status_code\":0}}";
    }
}
