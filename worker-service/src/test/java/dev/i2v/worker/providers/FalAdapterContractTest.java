package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.i2v.worker.providers.fal.FalAdapter;

/**
 * fal's queue as its docs describe it: submit answers with the request's status, response and cancel
 * URLs; {@code IN_QUEUE → IN_PROGRESS → COMPLETED}; the result (or the model's error, e.g. a 422
 * content policy violation) at the response URL; {@code Authorization: Key ...}.
 */
class FalAdapterContractTest extends ProviderAdapterContract {

    static final String APP = "/fal-ai/wan-i2v";
    static final String REQUEST = APP + "/requests/764cabcf-b745-4b3e-ae38-1200304cf45b";

    @Override
    protected ProviderAdapter adapter(URI baseUrl, Duration timeout) {
        return new FalAdapter(baseUrl, new ProviderHttp("fal", () -> "Key fal-key", 600, timeout,
                JsonMapper.builder().build()));
    }

    @Override
    protected String providerModel() {
        return "fal-ai/wan-i2v";
    }

    @Override
    protected MappingBuilder createRoute() {
        return post(APP);
    }

    @Override
    protected RequestPatternBuilder createRequests() {
        return postRequestedFor(urlPathEqualTo(APP));
    }

    @Override
    protected ResponseDefinitionBuilder created() {
        String base = STUB.baseUrl();
        return okJson("{\"request_id\":\"764cabcf-b745-4b3e-ae38-1200304cf45b\",\"response_url\":\"" + base + REQUEST
                + "\",\"status_url\":\"" + base + REQUEST + "/status\",\"cancel_url\":\"" + base + REQUEST
                + "/cancel\",\"queue_position\":2}");
    }

    @Override
    protected MappingBuilder pollRoute() {
        return get(urlPathEqualTo(REQUEST + "/status"));
    }

    @Override
    protected RequestPatternBuilder pollRequests() {
        return getRequestedFor(urlPathEqualTo(REQUEST + "/status"));
    }

    @Override
    protected ResponseDefinitionBuilder pending() {
        return okJson("{\"status\":\"IN_QUEUE\",\"queue_position\":1,\"response_url\":\"" + STUB.baseUrl() + REQUEST + "\"}");
    }

    @Override
    protected List<ResponseDefinitionBuilder> succeeded(String... urls) {
        List<ResponseDefinitionBuilder> results = new ArrayList<>();
        for (String url : urls) {
            results.add(okJson("{\"video\":{\"url\":\"" + url + "\",\"content_type\":\"video/mp4\"},\"seed\":42}"));
        }
        sequence(() -> get(urlPathEqualTo(REQUEST)), results);
        return Arrays.stream(urls).map(url -> okJson("{\"status\":\"COMPLETED\",\"response_url\":\"" + STUB.baseUrl()
                + REQUEST + "\",\"metrics\":{\"inference_time\":40.1}}")).toList();
    }

    @Override
    protected void stubModeration() {
        STUB.stubFor(createRoute().willReturn(created()));
        STUB.stubFor(pollRoute().willReturn(succeeded(clipUrl()).get(0)));
        STUB.stubFor(get(urlPathEqualTo(REQUEST)).atPriority(1).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\":[{\"loc\":[\"body\",\"image_url\"],"
                        + "\"msg\":\"The content could not be processed\",\"type\":\"content_policy_violation\"}]}")));
    }

    @Override
    protected ResponseDefinitionBuilder generationFailed() {
        // the queue retries its runners' 5xx itself; a result that stays 5xx is a failure worth a retry
        STUB.stubFor(get(urlPathEqualTo(REQUEST)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json").withBody("{\"detail\":\"Internal Server Error\"}")));
        return okJson("{\"status\":\"COMPLETED\",\"response_url\":\"" + STUB.baseUrl() + REQUEST + "\"}");
    }

    @Override
    protected ResponseDefinitionBuilder accountRefused() {
        return aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":\"User is locked. Reason: Exhausted balance.\"}");
    }

    @Override
    protected ResponseDefinitionBuilder invalidInput() {
        return aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"detail\":[{\"loc\":[\"body\",\"resolution\"],\"msg\":\"unexpected value\",\"type\":\"value_error\"}]}");
    }

    @Test
    void theInputFollowsFalsImageToVideoSchemaUnderAKeyHeader() {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        render();

        STUB.verify(createRequests().withHeader("Authorization", equalTo("Key fal-key"))
                .withRequestBody(matchingJsonPath("$.prompt", equalTo("a cat")))
                .withRequestBody(matchingJsonPath("$.resolution", equalTo("720p")))
                .withRequestBody(matchingJsonPath("$.image_url", matching("data:image/png;base64,.+"))));
    }

    @Test
    void cancelUsesTheRequestsCancelUrl() {
        STUB.stubFor(put(urlPathEqualTo(REQUEST + "/cancel")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"CANCELLATION_REQUESTED\"}")));

        adapter(URI.create(STUB.baseUrl()), Duration.ofSeconds(1)).cancel(STUB.baseUrl() + REQUEST + "/status");

        STUB.verify(1, putRequestedFor(urlPathEqualTo(REQUEST + "/cancel")));
    }
}
