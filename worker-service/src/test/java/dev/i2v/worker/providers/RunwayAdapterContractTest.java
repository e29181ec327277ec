package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.i2v.worker.providers.runway.RunwayAdapter;

/**
 * Runway as its SDK and docs describe it: HTTP statuses for request errors ({@code {"error": ...}}),
 * FAILED tasks with {@code failureCode} for generation errors, THROTTLED while over the concurrency
 * limit, RUNNING with a 0–1 progress, fresh output URLs on every fetch of the task, DELETE to cancel.
 */
class RunwayAdapterContractTest extends ProviderAdapterContract {

    static final String TASK = "17f20503-6c24-4c16-946b-35dbbce2af2f";

    @Override
    protected ProviderAdapter adapter(URI baseUrl, Duration timeout) {
        return new RunwayAdapter(baseUrl, new ProviderHttp("runway", () -> "Bearer key_runway", 600, timeout,
                JsonMapper.builder().build()));
    }

    @Override
    protected String providerModel() {
        return "gen4_turbo";
    }

    @Override
    protected MappingBuilder createRoute() {
        return post("/v1/image_to_video");
    }

    @Override
    protected RequestPatternBuilder createRequests() {
        return postRequestedFor(urlPathEqualTo("/v1/image_to_video"));
    }

    @Override
    protected ResponseDefinitionBuilder created() {
        return okJson("{\"id\":\"" + TASK + "\"}");
    }

    @Override
    protected MappingBuilder pollRoute() {
        return get("/v1/tasks/" + TASK);
    }

    @Override
    protected RequestPatternBuilder pollRequests() {
        return getRequestedFor(urlPathEqualTo("/v1/tasks/" + TASK));
    }

    @Override
    protected ResponseDefinitionBuilder pending() {
        return okJson(task("THROTTLED", ""));
    }

    @Override
    protected List<ResponseDefinitionBuilder> succeeded(String... urls) {
        return Arrays.stream(urls).map(url -> okJson(task("SUCCEEDED", ",\"output\":[\"" + url + "\"]"))).toList();
    }

    @Override
    protected void stubModeration() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(okJson(task("FAILED",
                ",\"failure\":\"Input image flagged\",\"failureCode\":\"SAFETY.INPUT.IMAGE\""))));
    }

    @Override
    protected ResponseDefinitionBuilder generationFailed() {
        return okJson(task("FAILED", ",\"failure\":\"bad output\",\"failureCode\":\"INTERNAL.BAD_OUTPUT.CODE01\""));
    }

    @Override
    protected ResponseDefinitionBuilder accountRefused() {
        return aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"Invalid API key\"}");
    }

    @Override
    protected ResponseDefinitionBuilder invalidInput() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"promptImage: Invalid asset aspect ratio\"}");
    }

    @Test
    void theRequestCarriesTheVersionTheNearestRatioAndTheImage() {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        render();

        // the input is 640×480 (4:3): the nearest Gen-4 ratio is 1104:832
        STUB.verify(createRequests().withHeader("X-Runway-Version", equalTo("2024-11-06"))
                .withHeader("Authorization", equalTo("Bearer key_runway"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gen4_turbo")))
                .withRequestBody(matchingJsonPath("$.ratio", equalTo("1104:832")))
                .withRequestBody(matchingJsonPath("$.duration", equalTo("6")))
                .withRequestBody(matchingJsonPath("$.promptText", equalTo("a cat")))
                .withRequestBody(matchingJsonPath("$.promptImage", matching("data:image/png;base64,.+"))));
    }

    @Test
    void runningProgressIsReported() {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, List.of(okJson(task("PENDING", "")), okJson(task("RUNNING", ",\"progress\":0.25")),
                okJson(task("RUNNING", ",\"progress\":0.7")), succeeded(clipUrl()).get(0)));

        render();

        assertThat(progress).containsExactly(25, 70);
    }

    @Test
    void aRefusedPromptIsModeration() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(okJson(task("FAILED",
                ",\"failure\":\"prompt rejected\",\"failureCode\":\"INPUT_PREPROCESSING.SAFETY.TEXT\""))));

        assertFails("moderation_blocked", false);
    }

    @Test
    void cancelDeletesTheTask() {
        STUB.stubFor(delete("/v1/tasks/" + TASK).willReturn(aResponse().withStatus(204)));

        adapter(URI.create(STUB.baseUrl()), Duration.ofSeconds(1)).cancel(TASK);

        STUB.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/tasks/" + TASK))
                .withHeader("X-Runway-Version", equalTo("2024-11-06")));
    }

    private static String task(String status, String more) {
        return "{\"id\":\"" + TASK + "\",\"createdAt\":\"2026-11-25T10:00:00Z\",\"status\":\"" + status + "\"" + more + "}";
    }
}
