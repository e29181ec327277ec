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
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;

import dev.i2v.worker.providers.kling.KlingAdapter;

/**
 * Kling as the API relays describe it (no official SDK was available): a {@code code} in every answer,
 * a JWT made from the access and secret keys, {@code submitted → processing → succeed | failed}.
 */
class KlingAdapterContractTest extends ProviderAdapterContract {

    static final String SECRET = "kling-secret-key-0123456789abcdef";

    @Override
    protected ProviderAdapter adapter(URI baseUrl, Duration timeout) {
        return new KlingAdapter(baseUrl, KlingAdapter.http("kling-access", SECRET, 600, timeout, JsonMapper.builder().build()));
    }

    @Override
    protected String providerModel() {
        return "kling-v2-1";
    }

    @Override
    protected MappingBuilder createRoute() {
        return post("/v1/videos/image2video");
    }

    @Override
    protected RequestPatternBuilder createRequests() {
        return postRequestedFor(urlPathEqualTo("/v1/videos/image2video"));
    }

    @Override
    protected ResponseDefinitionBuilder created() {
        return okJson("{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r-1\",\"data\":{\"task_id\":\"k-1\","
                + "\"task_status\":\"submitted\"}}");
    }

    @Override
    protected MappingBuilder pollRoute() {
        return get("/v1/videos/image2video/k-1");
    }

    @Override
    protected RequestPatternBuilder pollRequests() {
        return getRequestedFor(urlPathEqualTo("/v1/videos/image2video/k-1"));
    }

    @Override
    protected ResponseDefinitionBuilder pending() {
        return okJson(task("processing", ""));
    }

    @Override
    protected List<ResponseDefinitionBuilder> succeeded(String... urls) {
        return Arrays.stream(urls).map(url -> okJson(task("succeed",
                ",\"task_result\":{\"videos\":[{\"id\":\"v-1\",\"url\":\"" + url + "\",\"duration\":\"5\"}]}"))).toList();
    }

    @Override
    protected void stubModeration() {
        STUB.stubFor(createRoute().willReturn(error(400, 1301, "Trigger the content security policy of the platform")));
    }

    @Override
    protected ResponseDefinitionBuilder generationFailed() {
        return okJson(task("failed", ",\"task_status_msg\":\"internal error\""));
    }

    @Override
    protected ResponseDefinitionBuilder accountRefused() {
        return error(429, 1102, "Account balance not enough");
    }

    @Override
    protected ResponseDefinitionBuilder invalidInput() {
        return error(400, 1201, "image aspect ratio out of range");
    }

    @Test
    void theTokenIsAJwtSignedWithTheSecretAndIssuedByTheAccessKey() throws Exception {
        STUB.stubFor(createRoute().willReturn(created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        render();

        LoggedRequest create = STUB.findAll(createRequests()).get(0);
        SignedJWT jwt = SignedJWT.parse(create.getHeader("Authorization").substring("Bearer ".length()));
        assertThat(jwt.verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("kling-access");
        assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(1500));
        assertThat(jwt.getJWTClaimsSet().getNotBeforeTime().toInstant()).isBefore(Instant.now());
        STUB.verify(createRequests().withRequestBody(matchingJsonPath("$.model_name", equalTo("kling-v2-1")))
                .withRequestBody(matchingJsonPath("$.mode", equalTo("std")))
                .withRequestBody(matchingJsonPath("$.duration", equalTo("6")))
                .withRequestBody(matchingJsonPath("$.image", WireMock.matching("iVBOR.+"))));
    }

    @Test
    void aRateLimitCodeIsWaitedOut() {
        sequence(this::createRoute, List.of(error(429, 1302, "rate limit exceeded"), created()));
        sequence(this::pollRoute, succeeded(clipUrl()));

        assertThat(render().width()).isEqualTo(480);
        STUB.verify(2, createRequests());
    }

    private static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"" + message + "\",\"request_id\":\"r-2\"}");
    }

    private static String task(String status, String more) {
        return "{\"code\":0,\"message\":\"SUCCEED\",\"request_id\":\"r-1\",\"data\":{\"task_id\":\"k-1\","
                + "\"task_status\":\"" + status + "\"" + more + "}}";
    }
}
