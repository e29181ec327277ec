package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
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
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.i2v.contracts.InputImage;
import dev.i2v.fixtures.TestImages;
import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.LocalKenBurnsEngine;
import dev.i2v.worker.engine.VideoEngine;

/**
 * The contract every provider adapter keeps, driven through {@link ProviderVideoEngine} against a stub
 * server that answers as the provider's documentation says. A subclass says what the provider's
 * answers look like; the cases here are the same for all: polls then success with the result copied
 * and measured, moderation, account and input refusals that fail for good, 429 with Retry-After waited
 * out, 5xx retried, malformed and slow answers failing the attempt as retryable, an expired result URL
 * fetched again, and a failed generation failing the attempt as retryable. A job that fails this way is
 * released by the credits service, so nothing is charged (see the local-stack end-to-end tests).
 */
public abstract class ProviderAdapterContract {

    /** One stub server for all the adapters' tests of this JVM; reset before each test. */
    protected static final WireMockServer STUB = new WireMockServer(options().dynamicPort());
    static byte[] clip;

    @TempDir
    Path dir;

    protected VideoEngine engine;
    protected final List<Integer> progress = new ArrayList<>();

    /** The adapter under test, talking to {@code baseUrl}, creating at most 600 tasks a minute, 800 ms timeout. */
    protected abstract ProviderAdapter adapter(URI baseUrl, Duration timeout);

    protected abstract String providerModel();

    /** A new matcher for task creation (a builder is used up by one stub). */
    protected abstract MappingBuilder createRoute();

    protected abstract RequestPatternBuilder createRequests();

    /** The answer to a successful creation. */
    protected abstract ResponseDefinitionBuilder created();

    /** A new matcher for polling the created task. */
    protected abstract MappingBuilder pollRoute();

    protected abstract RequestPatternBuilder pollRequests();

    /** A not-yet-finished task. */
    protected abstract ResponseDefinitionBuilder pending();

    /**
     * Poll answers that end the task with success, one per URL: the i-th success leads to {@code urls[i]}
     * (the provider's URL lookup, if it has one, is stubbed here too).
     */
    protected abstract List<ResponseDefinitionBuilder> succeeded(String... urls);

    /** Stubs the provider's documented moderation refusal, at creation or as the task's end. */
    protected abstract void stubModeration();

    /** A generation that ended as failed for reasons a retry may cure. */
    protected abstract ResponseDefinitionBuilder generationFailed();

    /** The creation answer when our key or balance is refused. */
    protected abstract ResponseDefinitionBuilder accountRefused();

    /** The creation answer to a request the provider finds invalid. */
    protected abstract ResponseDefinitionBuilder invalidInput();

    /** Public links to inputs, for providers that need them; none by default. */
    protected Function<String, String> links() {
        return key -> null;
    }

    @BeforeAll
    static void startStub() throws Exception {
        if (!STUB.isRunning()) {
            STUB.start();
        }
        if (clip == null) {
            Path file = Files.createTempFile("provider-clip", ".mp4");
            new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(TestImages.png(400, 300), "", 1, "360P"), file,
                    p -> { });
            clip = Files.readAllBytes(file);
            Files.delete(file);
        }
    }

    /** This test's own meters: a fresh registry per test, so counts never leak between tests. */
    protected SimpleMeterRegistry meters;

    @BeforeEach
    void resetStub() {
        STUB.resetAll();
        meters = new SimpleMeterRegistry();
        engine = new ProviderVideoEngine("public-model", providerModel(), adapter(URI.create(STUB.baseUrl()),
                Duration.ofMillis(800)), new ProviderVideoEngine.Timings(Duration.ofMillis(30), Duration.ofMillis(150), 3,
                Duration.ofSeconds(20)), new Semaphore(4), links(), meters, new InMemoryProviderTasks());
        STUB.stubFor(get("/files/clip.mp4").willReturn(aResponse().withBody(clip).withHeader("Content-Type", "video/mp4")));
        STUB.stubFor(get("/files/expired.mp4").willReturn(aResponse().withStatus(403)));
    }

    @Test
    void aTaskPolledThroughItsStatesEndsWithTheResultCopiedAndMeasured() {
        STUB.stubFor(createRoute().willReturn(created()));
        List<ResponseDefinitionBuilder> answers = new ArrayList<>(List.of(pending(), pending(), pending()));
        answers.addAll(succeeded(clipUrl()));
        sequence(this::pollRoute, answers);

        VideoEngine.RenderedVideo video = render();

        assertThat(video.width()).isEqualTo(480);
        assertThat(video.height()).isEqualTo(360);
        assertThat(video.durationSeconds()).isEqualTo(1.0);
        STUB.verify(1, createRequests());
        STUB.verify(4, pollRequests());
        STUB.verify(1, getRequestedFor(urlPathEqualTo("/files/clip.mp4")));
    }

    @Test
    void moderationRefusalsFailForGood() {
        stubModeration();

        assertFails("moderation_blocked", false);
    }

    @Test
    void accountProblemsFailForGoodAndAreNotRetried() {
        STUB.stubFor(createRoute().willReturn(accountRefused()));

        assertFails("provider_account_error", false);
        STUB.verify(1, createRequests());
    }

    @Test
    void invalidRequestsFailForGoodAndAreNotRetried() {
        STUB.stubFor(createRoute().willReturn(invalidInput()));

        assertFails("invalid_input", false);
        STUB.verify(1, createRequests());
    }

    @Test
    void aTooManyRequestsAnswerIsWaitedOutAsItSays() {
        sequence(this::createRoute, List.of(aResponse().withStatus(429).withHeader("Retry-After", "1"), created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        long started = System.nanoTime();
        render();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        STUB.verify(2, createRequests());
    }

    @Test
    void serverErrorsAreRetriedWithinTheAttempt() {
        STUB.stubFor(createRoute().willReturn(created()));
        List<ResponseDefinitionBuilder> answers = new ArrayList<>(List.of(aResponse().withStatus(502),
                aResponse().withStatus(503)));
        answers.addAll(succeeded(clipUrl()));
        sequence(this::pollRoute, answers);

        assertThat(render().width()).isEqualTo(480);
        STUB.verify(3, pollRequests());
        assertThat(meters.find("i2v.provider.errors").tag("kind", "transient").counter())
                .as("provider errors counted").isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(2.0));
    }

    @Test
    void malformedAnswersOverAndOverFailTheAttemptAsRetryable() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(okJson("{not json")));

        assertFails("provider_unavailable", true);
        STUB.verify(3, pollRequests());
    }

    @Test
    void slowAnswersTimeOutAndFailTheAttemptAsRetryable() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(pending().withFixedDelay(2000)));

        assertFails("provider_unavailable", true);
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNeverSentAgain() {
        STUB.stubFor(createRoute().willReturn(created().withFixedDelay(2000)));

        assertFails("provider_outcome_unknown", false);
        STUB.verify(1, createRequests());
        STUB.verify(0, pollRequests());
    }

    @Test
    void aCreateAnsweredWithoutItsTaskIdIsNeverSentAgain() {
        STUB.stubFor(createRoute().willReturn(okJson("{}")));

        assertFails("provider_outcome_unknown", false);
        STUB.verify(1, createRequests());
    }

    @Test
    void aCreateRefusedWithAServerErrorCreatedNothingAndIsSentAgain() {
        sequence(this::createRoute, List.of(aResponse().withStatus(503), created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        render();

        STUB.verify(2, createRequests());
    }

    @Test
    void aCreateThatNeverConnectedSentNothingAndIsRetriedAsTransient() {
        engine = new ProviderVideoEngine("public-model", providerModel(), adapter(URI.create("http://127.0.0.1:1"),
                Duration.ofMillis(800)), new ProviderVideoEngine.Timings(Duration.ofMillis(10), Duration.ofMillis(20), 3,
                Duration.ofSeconds(20)), new Semaphore(4), links(), meters, new InMemoryProviderTasks());

        assertFails("provider_unavailable", true);
    }

    @Test
    void anExpiredResultUrlIsFetchedAgain() {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, succeeded(STUB.baseUrl() + "/files/expired.mp4", clipUrl()));

        assertThat(render().height()).isEqualTo(360);
        STUB.verify(1, getRequestedFor(urlPathEqualTo("/files/expired.mp4")));
        STUB.verify(1, getRequestedFor(urlPathEqualTo("/files/clip.mp4")));
    }

    @Test
    void aFailedGenerationFailsTheAttemptAsRetryable() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(generationFailed()));

        assertFails("provider_unavailable", true);
    }

    protected VideoEngine.RenderedVideo render() {
        return engine.render(new VideoEngine.VideoRequest(TestImages.png(640, 480), "a cat", 6, "720P", false,
                new InputImage("inputs/job-1/image.png", "image/png", 640, 480)), dir.resolve("out.mp4"), progress::add);
    }

    protected void assertFails(String code, boolean retryable) {
        assertThatThrownBy(this::render).isInstanceOfSatisfying(EngineException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.retryable()).isEqualTo(retryable);
        });
    }

    protected static String clipUrl() {
        return STUB.baseUrl() + "/files/clip.mp4";
    }

    /** Stubs a route to give these answers in turn, repeating the last one. */
    protected static void sequence(Supplier<MappingBuilder> route, List<ResponseDefinitionBuilder> answers) {
        String scenario = "sequence-" + System.identityHashCode(answers);
        for (int i = 0; i < answers.size(); i++) {
            ScenarioMappingBuilder stub = route.get().inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "answer-" + i);
            if (i < answers.size() - 1) {
                stub = stub.willSetStateTo("answer-" + (i + 1));
            }
            STUB.stubFor(stub.willReturn(answers.get(i)));
        }
    }
}
