package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import dev.i2v.worker.providers.minimax.MiniMaxAdapter;

/**
 * MiniMax as its documentation describes it: business errors as HTTP 200 with {@code base_resp} codes,
 * statuses in mixed case, the result behind a file id looked up at {@code /v1/files/retrieve}.
 */
class MiniMaxAdapterContractTest extends ProviderAdapterContract {

    @Override
    protected ProviderAdapter adapter(URI baseUrl, Duration timeout) {
        return new MiniMaxAdapter(baseUrl, new ProviderHttp("minimax", () -> "Bearer test-key", 600, timeout,
                JsonMapper.builder().build()));
    }

    @Override
    protected String providerModel() {
        return "MiniMax-Hailuo-02";
    }

    @Override
    protected MappingBuilder createRoute() {
        return post("/v1/video_generation");
    }

    @Override
    protected RequestPatternBuilder createRequests() {
        return postRequestedFor(urlPathEqualTo("/v1/video_generation"));
    }

    @Override
    protected ResponseDefinitionBuilder created() {
        return okJson("{\"task_id\":\"t-1\",\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}");
    }

    @Override
    protected MappingBuilder pollRoute() {
        return get(urlPathEqualTo("/v1/query/video_generation"));
    }

    @Override
    protected RequestPatternBuilder pollRequests() {
        return getRequestedFor(urlPathEqualTo("/v1/query/video_generation"));
    }

    @Override
    protected ResponseDefinitionBuilder pending() {
        return okJson(status("Processing"));
    }

    @Override
    protected List<ResponseDefinitionBuilder> succeeded(String... urls) {
        List<ResponseDefinitionBuilder> answers = new ArrayList<>();
        for (int i = 0; i < urls.length; i++) {
            STUB.stubFor(get(urlPathEqualTo("/v1/files/retrieve")).withQueryParam("file_id", equalTo("f-" + i))
                    .willReturn(okJson("{\"file\":{\"file_id\":\"f-" + i + "\",\"download_url\":\"" + urls[i]
                            + "\"},\"base_resp\":{\"status_code\":0}}")));
            answers.add(okJson("{\"task_id\":\"t-1\",\"status\":\"Success\",\"file_id\":\"f-" + i
                    + "\",\"video_width\":480,\"video_height\":360,\"base_resp\":{\"status_code\":0,\"status_msg\":\"success\"}}"));
        }
        return answers;
    }

    @Override
    protected void stubModeration() {
        STUB.stubFor(createRoute().willReturn(okJson(
                "{\"task_id\":\"\",\"base_resp\":{\"status_code\":1026,\"status_msg\":\"input sensitive\"}}")));
    }

    @Override
    protected ResponseDefinitionBuilder generationFailed() {
        return okJson(status("Fail"));
    }

    @Override
    protected ResponseDefinitionBuilder accountRefused() {
        return okJson("{\"base_resp\":{\"status_code\":1008,\"status_msg\":\"insufficient balance\"}}");
    }

    @Override
    protected ResponseDefinitionBuilder invalidInput() {
        return okJson("{\"base_resp\":{\"status_code\":2013,\"status_msg\":\"invalid params\"}}");
    }

    @Test
    void theRequestCarriesTheModelTheImageAndTheOptimizerFlag() {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, List.of(okJson(status("Preparing")), okJson(status("queueing")),
                succeeded(clipUrl()).get(0)));

        render();

        STUB.verify(createRequests().withHeader("Authorization", equalTo("Bearer test-key"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("MiniMax-Hailuo-02")))
                .withRequestBody(matchingJsonPath("$.prompt_optimizer", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.first_frame_image", matching("data:image/png;base64,.+"))));
    }

    private static String status(String status) {
        return "{\"task_id\":\"t-1\",\"status\":\"" + status + "\",\"base_resp\":{\"status_code\":0}}";
    }
}
