package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.i2v.worker.providers.luma.LumaAdapter;

/**
 * Luma Dream Machine as its SDK types describe it: {@code queued → dreaming → completed | failed} with a
 * {@code failure_reason}, the video in {@code assets.video}, keyframe images by URL only.
 */
class LumaAdapterContractTest extends ProviderAdapterContract {

    static final String GENERATION = "0f3ea3a2-5b7c-4d0e-9a43-9c1f1f5b2d11";

    @Override
    protected ProviderAdapter adapter(URI baseUrl, Duration timeout) {
        return new LumaAdapter(URI.create(baseUrl + "/dream-machine/v1"), new ProviderHttp("luma", () -> "Bearer luma-key",
                600, timeout, JsonMapper.builder().build()));
    }

    @Override
    protected Function<String, String> links() {
        return key -> "https://api.example.com/v1/inputs/" + key + "?expires=1&signature=s";
    }

    @Override
    protected String providerModel() {
        return "ray-2";
    }

    @Override
    protected MappingBuilder createRoute() {
        return post("/dream-machine/v1/generations");
    }

    @Override
    protected RequestPatternBuilder createRequests() {
        return postRequestedFor(urlPathEqualTo("/dream-machine/v1/generations"));
    }

    @Override
    protected ResponseDefinitionBuilder created() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(generation("queued", ""));
    }

    @Override
    protected MappingBuilder pollRoute() {
        return get("/dream-machine/v1/generations/" + GENERATION);
    }

    @Override
    protected RequestPatternBuilder pollRequests() {
        return getRequestedFor(urlPathEqualTo("/dream-machine/v1/generations/" + GENERATION));
    }

    @Override
    protected ResponseDefinitionBuilder pending() {
        return okJson(generation("dreaming", ""));
    }

    @Override
    protected List<ResponseDefinitionBuilder> succeeded(String... urls) {
        return Arrays.stream(urls).map(url -> okJson(generation("completed",
                ",\"assets\":{\"video\":\"" + url + "\",\"image\":null}"))).toList();
    }

    @Override
    protected void stubModeration() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(okJson(generation("failed",
                ",\"failure_reason\":\"Prompt failed moderation\""))));
    }

    @Override
    protected ResponseDefinitionBuilder generationFailed() {
        return okJson(generation("failed", ",\"failure_reason\":\"Internal server error\""));
    }

    @Override
    protected ResponseDefinitionBuilder accountRefused() {
        return aResponse().withStatus(402).withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"Insufficient credits\"}");
    }

    @Override
    protected ResponseDefinitionBuilder invalidInput() {
        return aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"Invalid aspect ratio\"}");
    }

    @Test
    void theImageGoesAsAKeyframeUrlWithTheNearestRatio() {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        render();

        STUB.verify(createRequests().withHeader("Authorization", equalTo("Bearer luma-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("ray-2")))
                .withRequestBody(matchingJsonPath("$.keyframes.frame0.type", equalTo("image")))
                .withRequestBody(matchingJsonPath("$.keyframes.frame0.url",
                        equalTo("https://api.example.com/v1/inputs/inputs/job-1/image.png?expires=1&signature=s")))
                .withRequestBody(matchingJsonPath("$.aspect_ratio", equalTo("4:3")))
                .withRequestBody(matchingJsonPath("$.duration", equalTo("6s")))
                .withRequestBody(matchingJsonPath("$.resolution", equalTo("720p"))));
    }

    @Test
    void withoutPublicLinksLumaJobsFailAsAnOperatorProblemWithoutCallingLuma() {
        engine = new ProviderVideoEngine("luma-ray-2", "ray-2", adapter(URI.create(STUB.baseUrl()), Duration.ofSeconds(1)),
                new ProviderVideoEngine.Timings(Duration.ofMillis(30), Duration.ofMillis(150), 3, Duration.ofSeconds(20)),
                new Semaphore(1), key -> null, meters, new InMemoryProviderTasks());

        assertFails("provider_account_error", false);
        STUB.verify(0, createRequests());
    }

    private static String generation(String state, String more) {
        return "{\"id\":\"" + GENERATION + "\",\"generation_type\":\"video\",\"state\":\"" + state + "\","
                + "\"created_at\":\"2026-11-25T10:00:00Z\",\"model\":\"ray-2\"" + more + "}";
    }
}
