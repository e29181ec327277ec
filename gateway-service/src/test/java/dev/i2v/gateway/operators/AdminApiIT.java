package dev.i2v.gateway.operators;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.infra.TestServers;

/**
 * The operators' side of the gateway: roles, the audit log and the admin OpenAPI group, with real PostgreSQL for the
 * log and credits-service stubbed by WireMock (plans and prices end to end: local-stack's OperatorConsoleIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiIT {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    static final String SUPPORT_TOKEN = "test-support-token-0123456789abcdef";
    static final WireMockServer CREDITS = new WireMockServer(options().dynamicPort());

    static {
        CREDITS.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("gateway").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("i2v.gateway.admin-token", () -> ADMIN_TOKEN);
        registry.add("i2v.gateway.operators.tokens[0].name", () -> "sam");
        registry.add("i2v.gateway.operators.tokens[0].role", () -> "support");
        registry.add("i2v.gateway.operators.tokens[0].token", () -> SUPPORT_TOKEN);
        registry.add("i2v.gateway.credits-url", CREDITS::baseUrl);
        registry.add("i2v.gateway.jobs-url", CREDITS::baseUrl);
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://127.0.0.1:" + port).build();
        CREDITS.resetAll();
    }

    @Test
    void supportMayReadButNotChangeAndNothingItTriedIsRecorded() {
        String plan = "plan-" + UUID.randomUUID();
        CREDITS.stubFor(get("/internal/plans").willReturn(okJson("{\"data\":[]}")));

        JsonNode read = call(SUPPORT_TOKEN, HttpMethod.GET, "/admin/v1/plans", null);
        JsonNode create = call(SUPPORT_TOKEN, HttpMethod.POST, "/admin/v1/plans", "{\"code\":\"" + plan + "\"}");
        JsonNode grant = call(SUPPORT_TOKEN, HttpMethod.POST, "/admin/v1/accounts/" + UUID.randomUUID() + "/grants",
                "{\"points\":5,\"reason\":\"x\",\"idempotency_key\":\"k\"}");
        JsonNode stranger = call("not-a-token-at-all-0123456789", HttpMethod.GET, "/admin/v1/plans", null);

        assertThat(read.get("data").isArray()).as(read.toString()).isTrue();
        for (JsonNode refused : List.of(create, grant)) {
            assertThat(refused.get("status").asInt()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.get("code").asString()).isEqualTo("forbidden");
        }
        assertThat(stranger.get("status").asInt()).isEqualTo(401);
        CREDITS.verify(0, postRequestedFor(urlMatching("/internal/.*")));
        assertThat(call(ADMIN_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?target=plan:" + plan, null)
                .get("data")).isEmpty();
        assertThat(call(SUPPORT_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?limit=1", null).get("data").isArray())
                .as("support reads the audit log").isTrue();
    }

    @Test
    void aPlanEditIsRecordedWithWhoAndTheValuesBeforeAndAfter() {
        String code = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        CREDITS.stubFor(get("/internal/plans/" + code).willReturn(okJson(json.writeValueAsString(plan(code, 3)))));
        CREDITS.stubFor(put("/internal/plans/" + code).willReturn(okJson(json.writeValueAsString(plan(code, 5)))));

        JsonNode edited = call(ADMIN_TOKEN, HttpMethod.PUT, "/admin/v1/plans/" + code, "{\"parallel_jobs\":5}");

        assertThat(edited.get("parallel_jobs").asInt()).as(edited.toString()).isEqualTo(5);
        JsonNode entries = call(SUPPORT_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?target=plan:" + code, null).get("data");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("operator").asString()).isEqualTo("admin");
        assertThat(entry.get("role").asString()).isEqualTo("admin");
        assertThat(entry.get("action").asString()).isEqualTo("plan.edit");
        assertThat(entry.get("before").get("parallel_jobs").asInt()).isEqualTo(3);
        assertThat(entry.get("after").get("parallel_jobs").asInt()).isEqualTo(5);
        assertThat(Instant.parse(entry.get("at").asString())).isAfter(Instant.now().minusSeconds(60));
    }

    @Test
    void aRefusedChangeIsNotRecorded() {
        String code = "plan-" + UUID.randomUUID().toString().substring(0, 8);
        CREDITS.stubFor(post("/internal/plans").willReturn(okJson(
                "{\"status\":400,\"code\":\"invalid_request\",\"detail\":\"lanes must name at least one\"}")
                .withStatus(400).withHeader("Content-Type", "application/problem+json")));

        JsonNode refused = call(ADMIN_TOKEN, HttpMethod.POST, "/admin/v1/plans", "{\"code\":\"" + code + "\"}");

        assertThat(refused.get("status").asInt()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.get("detail").asString()).contains("lanes");
        assertThat(call(ADMIN_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?target=plan:" + code, null).get("data")).isEmpty();
    }

    @Test
    void theAuditLogIsAppendOnlyInTheDatabaseItself() {
        CREDITS.stubFor(post(urlEqualTo("/internal/accounts")).willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1000, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true))).withStatus(201)));
        call(ADMIN_TOKEN, HttpMethod.POST, "/admin/v1/accounts", "{\"plan\":\"free\"}");
        long rows = jdbc.sql("select count(*) from operator_actions").query(Long.class).single();
        assertThat(rows).isPositive();

        assertThatThrownBy(() -> jdbc.sql("update operator_actions set operator = 'someone else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from operator_actions").update()).hasMessageContaining("append-only");
        assertThat(jdbc.sql("select count(*) from operator_actions where operator = 'someone else'").query(Long.class)
                .single()).isZero();
    }

    @Test
    void theAuditLogPagesNewestFirstAndRefusesABadCursor() {
        CREDITS.stubFor(post(urlEqualTo("/internal/accounts")).willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1000, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true))).withStatus(201)));
        for (int i = 0; i < 3; i++) {
            call(ADMIN_TOKEN, HttpMethod.POST, "/admin/v1/accounts", "{\"plan\":\"free\"}");
        }
        JsonNode first = call(ADMIN_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?action=account.create&limit=2", null);
        JsonNode second = call(ADMIN_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?action=account.create&limit=2&cursor="
                + first.get("next_cursor").asString(), null);

        assertThat(first.get("data")).hasSize(2);
        assertThat(first.get("data").get(0).get("id").asLong()).isGreaterThan(first.get("data").get(1).get("id").asLong());
        assertThat(second.get("data").get(0).get("id").asLong()).isLessThan(first.get("data").get(1).get("id").asLong());
        assertThat(call(ADMIN_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?cursor=zzz", null).get("status").asInt())
                .isEqualTo(400);
        assertThat(call(ADMIN_TOKEN, HttpMethod.GET, "/admin/v1/audit-log?limit=0", null).get("status").asInt())
                .isEqualTo(400);
    }

    /** Every {@code /admin/v1} endpoint the gateway serves is in the admin OpenAPI group, with its words. */
    @Test
    void theAdminOpenApiGroupCoversEveryAdminEndpoint() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith("/admin/v1/"))
                .forEach(path -> info.getMethodsCondition().getMethods()
                        .forEach(method -> served.add(method.name() + " " + path))));
        JsonNode document = json.readTree(http.get().uri("/v3/api-docs/admin").retrieve().body(String.class));
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().hasNonNull("operationId") && operation.getValue().hasNonNull("summary")) {
                documented.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }));

        assertThat(served).hasSizeGreaterThan(15);
        assertThat(documented).containsAll(served);
    }

    private static CreditsApi.PlanView plan(String code, int parallel) {
        return new CreditsApi.PlanView(code, parallel, 0, null, 1, true, 768, 10, List.of("standard"), 1000, 100, 0,
                null, Instant.now(), 0);
    }

    private JsonNode call(String token, HttpMethod method, String path, String body) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, res) -> json.readTree(res.getBody()));
    }
}
