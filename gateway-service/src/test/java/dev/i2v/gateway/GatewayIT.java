package dev.i2v.gateway;

import static dev.i2v.fixtures.ProblemAssert.assertThatProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.fixtures.TestImages;
import dev.i2v.infra.TestServers;
import dev.i2v.storage.FileSystemObjectStore;
import dev.i2v.storage.SignedLinks;

/**
 * The gateway on its own: real PostgreSQL for its keys, a real store directory, and the two internal
 * services stubbed by WireMock. The whole system together is tested end to end in local-stack.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "i2v.gateway.key-usage-interval=200ms")
class GatewayIT {

    static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
    static final WireMockServer DOWNSTREAM = new WireMockServer(options().dynamicPort());
    static final Path STORE;

    static {
        DOWNSTREAM.start();
        try {
            STORE = Files.createTempDirectory("i2v-gateway-store");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("gateway").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("i2v.gateway.admin-token", () -> ADMIN_TOKEN);
        registry.add("i2v.gateway.credits-url", DOWNSTREAM::baseUrl);
        registry.add("i2v.gateway.jobs-url", DOWNSTREAM::baseUrl);
        registry.add("i2v.storage.root", STORE::toString);
        registry.add("i2v.storage.links.base-url", () -> "https://api.example.com");
        registry.add("i2v.storage.links.secret", () -> LINK_SECRET);
        registry.add("i2v.gateway.providers", () -> "runway");
        registry.add("i2v.gateway.oidc.issuer", () -> "https://id.example.com/");
        registry.add("i2v.gateway.oidc.jwk-set-uri", () -> DOWNSTREAM.baseUrl() + "/oidc/jwks");
        registry.add("i2v.gateway.oidc.audience", () -> "i2v-api");
    }

    static final String LINK_SECRET = "link-secret-0123456789abcdef-0123456789";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    RestClient http;

    @BeforeEach
    void setUp() {
        // the JDK client, as a plain client: Apache's (on the classpath for image_url) would retry a 503 POST
        http = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory())
                .baseUrl("http://127.0.0.1:" + port).build();
        DOWNSTREAM.resetAll();
        DOWNSTREAM.stubFor(post("/internal/accounts").willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1000, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true))).withStatus(201)));
        DOWNSTREAM.stubFor(post("/internal/quotes").willReturn(okJson("{\"cost\":30,\"currency\":\"points\"}")));
        DOWNSTREAM.stubFor(post("/internal/holds").willReturn(okJson("{\"status\":\"held\",\"amount\":30}").withStatus(201)));
        DOWNSTREAM.stubFor(post(urlMatching("/internal/holds/.*/release")).willReturn(okJson("{\"status\":\"released\"}")));
        DOWNSTREAM.stubFor(post(urlMatching("/internal/accounts/.*/daily-grant")).willReturn(okJson(
                "{\"granted\":true,\"points\":100,\"next_daily_grant_at\":\"2999-01-01T00:00:00Z\"}")));
    }

    @Test
    void theDailyGrantIsAskedForOnceUntilTheNextIsDue() {
        String key = newAccountKey();
        DOWNSTREAM.stubFor(get(urlMatching("/internal/accounts/.*/credits")).willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1100, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true)))));

        for (int i = 0; i < 3; i++) {
            exchange(http.get().uri("/v1/credits").header(HttpHeaders.AUTHORIZATION, "Bearer " + key));
        }

        DOWNSTREAM.verify(1, postRequestedFor(urlMatching("/internal/accounts/.*/daily-grant")));
    }

    @Test
    void operatorsChangePlansAndGrantPointsThroughTheAdminApi() {
        String key = newAccountKey();
        DOWNSTREAM.stubFor(post(urlMatching("/internal/accounts/.*/grants")).willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":422,\"code\":\"idempotency_key_reused\",\"detail\":\"reused\"}")));
        UUID account = UUID.randomUUID();

        JsonNode reused = exchange(http.post().uri("/admin/v1/accounts/" + account + "/grants")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).contentType(MediaType.APPLICATION_JSON)
                .body("{\"points\": 50, \"reason\": \"x\", \"idempotency_key\": \"k\"}"));
        JsonNode asUser = exchange(http.put().uri("/admin/v1/accounts/" + account + "/plan")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key).contentType(MediaType.APPLICATION_JSON)
                .body("{\"plan\": \"pro\"}"));

        assertThatProblem(reused).hasStatus(422).hasCode("idempotency_key_reused").hasNoStackTrace();
        assertThatProblem(asUser).hasStatus(401).hasCode("unauthenticated").hasNoStackTrace();
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceWhileTheAccountsOtherKeysWork() {
        JsonNode account = exchange(http.post().uri("/admin/v1/accounts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"plan\":\"free\"}"));
        String id = account.get("account_id").asString();
        JsonNode second = exchange(http.post().uri("/admin/v1/accounts/" + id + "/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"label\":\"ci\"}"));
        DOWNSTREAM.stubFor(get(urlMatching("/internal/accounts/.*/credits")).willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1000, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true)))));

        int revoked = http.delete().uri("/admin/v1/accounts/" + id + "/keys/" + second.get("prefix").asString())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).exchange((req, res) -> res.getStatusCode().value());
        JsonNode refused = exchange(http.get().uri("/v1/credits")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + second.get("api_key").asString()));
        int firstKey = http.get().uri("/v1/credits").header(HttpHeaders.AUTHORIZATION, "Bearer " + account.get("api_key").asString())
                .exchange((req, res) -> res.getStatusCode().value());

        assertThat(revoked).isEqualTo(204);
        assertThatProblem(refused).hasStatus(401).hasCode("unauthenticated").hasNoStackTrace();
        assertThat(firstKey).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(keysOf(id))
                .as("the first key was used (written every 200 ms here); the second never was")
                .extracting(k -> k.path("last_used_at").isNull()).containsExactly(false, true));
    }

    private JsonNode keysOf(String accountId) {
        return exchange(http.get().uri("/admin/v1/accounts/" + accountId + "/keys")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)).get("data");
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthenticated() {
        JsonNode none = exchange(http.get().uri("/v1/credits"));
        JsonNode wrong = exchange(http.get().uri("/v1/credits").header(HttpHeaders.AUTHORIZATION, "Bearer i2v_nope"));
        JsonNode admin = exchange(http.post().uri("/admin/v1/accounts").header(HttpHeaders.AUTHORIZATION, "Bearer nope"));

        assertThat(none.get("status").asInt()).isEqualTo(401);
        assertThat(none.get("request_id").asString()).startsWith("req_");
        String echoed = http.get().uri("/v1/credits").header("X-Request-Id", "client-abc.1")
                .exchange((req, res) -> res.getHeaders().getFirst("X-Request-Id") + " " + json.readTree(res.getBody()).get("request_id").asString());
        assertThat(echoed).isEqualTo("client-abc.1 client-abc.1");
        assertThat(none.get("code").asString()).isEqualTo("unauthenticated");
        assertThat(wrong.get("code").asString()).isEqualTo("unauthenticated");
        assertThat(admin.get("status").asInt()).isEqualTo(401);
    }

    @Test
    void anAccountCreatedByTheAdminAuthenticatesWithItsKey() {
        String key = newAccountKey();
        DOWNSTREAM.stubFor(get(urlMatching("/internal/accounts/.*/credits")).willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1000, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true)))));

        JsonNode credits = exchange(http.get().uri("/v1/credits").header(HttpHeaders.AUTHORIZATION, "Bearer " + key));

        assertThat(key).startsWith("i2v_");
        assertThat(credits.get("balance").asLong()).isEqualTo(1000);
        assertThat(credits.get("concurrency").get("limit").asInt()).isEqualTo(3);
    }

    @Test
    void aValidSubmissionHoldsThePriceCreatesTheJobAndAnswers202() {
        String key = newAccountKey();
        stubJobCreation();

        JsonNode job = submit(key, form("a calm sea", TestImages.encoded("png", 640, 480)));

        assertThat(job.get("status").asString()).isEqualTo("queued");
        assertThat(job.get("cost").asLong()).isEqualTo(30);
        assertThat(job.get("duration").asInt()).isEqualTo(6);
        assertThat(job.get("resolution").asString()).isEqualTo("768P");
        DOWNSTREAM.verify(1, postRequestedFor(urlEqualTo("/internal/holds")));
        assertThat(STORE.resolve("inputs/" + job.get("id").asString() + "/image.png")).exists();
        JobsApi.CreateJob sent = sentDownstream("/internal/jobs", JobsApi.CreateJob.class);
        assertThat(sent.jobId()).hasToString(job.get("id").asString());
        assertThat(sent.lane()).isEqualTo(Lane.DEFAULT);
        assertThat(sent.cost()).isEqualTo(30);
        assertThat(sent.image()).as("what intake learned travels with the job")
                .isEqualTo(new InputImage(ObjectKeys.inputImage(sent.jobId(), "png"), "image/png", 640, 480));
    }

    /** The last body the gateway sent to {@code path}, read as the contracts' record the other service reads. */
    private <T> T sentDownstream(String path, Class<T> type) {
        List<LoggedRequest> sent = DOWNSTREAM.findAll(postRequestedFor(urlEqualTo(path)));
        assertThat(sent).as("requests to " + path).isNotEmpty();
        return json.readValue(sent.get(sent.size() - 1).getBodyAsString(), type);
    }

    @Test
    void aGigabyteBodyIsRefusedBeforeItIsReadAndAChunkedOneIsStoppedAtTheLimit() throws Exception {
        String key = newAccountKey();
        long started = System.nanoTime();
        String head;
        // a client that announces 1 GB and sends 1 KB: the answer comes without the rest being waited for
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/videos HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n" + "{".repeat(1024))
                    .getBytes(StandardCharsets.US_ASCII));
            head = readResponse(socket.getInputStream());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/videos"))
                        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(
                                new ByteArrayInputStream("{\"prompt\":\"".getBytes()),
                                new InputStream() {
                                    long left = 40L * 1024 * 1024;

                                    @Override
                                    public int read() {
                                        return left-- > 0 ? 'a' : -1;
                                    }
                                }))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(head).startsWith("HTTP/1.1 413").contains("\"code\":\"image_too_large\"");
        assertThat(seconds).isLessThan(5);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(json.readTree(chunked.body()).get("code").asString()).isEqualTo("image_too_large");
        DOWNSTREAM.verify(0, postRequestedFor(urlEqualTo("/internal/holds")));
    }

    /**
     * The three documents lint with no error, warning or hint under Spectral's {@code spectral:oas} rules
     * (npm {@code @stoplight/spectral-cli}, pinned by its lock file), and a TypeScript client generated from the
     * public one by openapi-generator ({@code typescript-fetch}) compiles under {@code tsc --strict}.
     */
    @Test
    void theOpenApiDocumentsLintCleanAndAClientGeneratedFromThePublicOneCompiles() throws Exception {
        Path work = Path.of("target", "openapi-lint").toAbsolutePath();
        Path source = Path.of("src", "test", "node", "openapi-lint");
        Files.createDirectories(work);
        for (String name : List.of("package.json", "package-lock.json", ".spectral.yaml")) {
            Files.copy(source.resolve(name), work.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        run(work, "npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
        for (String group : List.of("public", "admin", "openai")) {
            Path document = work.resolve(group + ".json");
            Files.writeString(document, http.get().uri("/v3/api-docs/" + group).retrieve().body(String.class));
            String lint = run(work, "npx", "spectral", "lint", "-r", ".spectral.yaml", "--fail-severity=hint",
                    document.toString());
            assertThat(lint).as(group).contains("No results with a severity of 'hint' or higher found");
        }

        Path client = work.resolve("client");
        run(work, Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of("target", "tools", "openapi-generator-cli.jar").toAbsolutePath().toString(), "generate",
                "-g", "typescript-fetch", "-i", work.resolve("public.json").toString(), "-o", client.toString(),
                "--additional-properties=supportsES6=true");
        Files.writeString(work.resolve("tsconfig.json"), """
                {"compilerOptions": {"strict": true, "noEmit": true, "target": "ES2020", "module": "ES2020",
                  "moduleResolution": "node", "lib": ["ES2020", "DOM"]}, "include": ["client/**/*.ts"]}
                """);
        run(work, "npx", "tsc", "-p", "tsconfig.json");

        assertThat(Files.readString(client.resolve("apis").resolve("VideosApi.ts")))
                .contains("async createVideo(", "async getVideo(", "async downloadVideo(", "async cancelVideo(");
    }

    private static String run(Path dir, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);
        assertThat(ended && process.exitValue() == 0).as("%s succeeded:%n%s", String.join(" ", command), output).isTrue();
        return output;
    }

    @Test
    void theOpenApiDocumentDescribesEveryPublicEndpointWithItsProblemsAndSwaggerUiServesIt() throws IOException {
        String document = http.get().uri("/v3/api-docs/public").retrieve().body(String.class);
        Files.createDirectories(Path.of("target", "openapi"));
        for (String group : List.of("public", "admin", "openai")) {
            Files.writeString(Path.of("target", "openapi", group + ".json"),
                    http.get().uri("/v3/api-docs/" + group).retrieve().body(String.class));
        }
        JsonNode api = json.readTree(document);

        assertThat(api.get("openapi").asString()).startsWith("3.1");
        assertThat(api.get("paths").propertyNames()).contains("/v1/videos", "/v1/videos/{id}", "/v1/videos/{id}/cancel",
                "/v1/videos/{id}/content", "/v1/videos/{id}/events", "/v1/videos/quote", "/v1/models", "/v1/credits",
                "/v1/credits/history").noneMatch(p -> p.startsWith("/internal") || p.startsWith("/admin"));
        JsonNode create = api.get("paths").get("/v1/videos").get("post");
        assertThat(create.get("requestBody").get("content").propertyNames())
                .contains("multipart/form-data", "application/json");
        assertThat(create.get("responses").get("422").get("content").get("application/problem+json").get("examples")
                .propertyNames()).contains("unsupported_option", "plan_limit", "idempotency_key_reused");
        assertThat(create.get("responses").get("202").toString()).contains("queue_position");
        assertThat(api.get("paths").get("/v1/videos/{id}/content").get("get").get("responses").get("409").toString())
                .contains("output_not_ready");
        assertThat(api.get("components").get("securitySchemes").get("apiKey").get("scheme").asString()).isEqualTo("bearer");
        JsonNode openAi = json.readTree(http.get().uri("/v3/api-docs/openai").retrieve().body(String.class));
        assertThat(openAi.get("paths").propertyNames()).contains("/openai/v1/videos", "/openai/v1/videos/{id}",
                "/openai/v1/videos/{id}/content").noneMatch(p -> p.startsWith("/v1") || p.startsWith("/admin"));
        assertThat(api.get("paths").propertyNames()).noneMatch(p -> p.startsWith("/openai"));
        int ui = http.get().uri("/swagger-ui/index.html").exchange((req, res) -> res.getStatusCode().value());
        assertThat(ui).isEqualTo(200);
    }

    @Test
    void anOidcAccessTokenWhoseSubjectIsLinkedSignsInAsItsAccountAndNothingElseDoes() throws Exception {
        RSAKey signing = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        DOWNSTREAM.stubFor(get("/oidc/jwks").willReturn(okJson(new JWKSet(signing.toPublicJWK()).toString())));
        DOWNSTREAM.stubFor(get(urlMatching("/internal/accounts/.*/credits")).willReturn(okJson(json.writeValueAsString(
                new CreditsApi.CreditsView(UUID.randomUUID(), 1000, "free", new CreditsApi.Concurrency(0, 3), null,
                        List.of(), true)))));
        JsonNode account = exchange(http.post().uri("/admin/v1/accounts").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"plan\":\"free\"}"));
        int linked = http.post().uri("/admin/v1/accounts/" + account.get("account_id").asString() + "/identities")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN).contentType(MediaType.APPLICATION_JSON)
                .body("{\"subject\":\"user-7\"}").exchange((req, res) -> res.getStatusCode().value());
        Instant now = Instant.now();

        int valid = credits(token(signing, "user-7", "https://id.example.com/", "i2v-api", now.plusSeconds(300)));
        int unlinked = credits(token(signing, "user-8", "https://id.example.com/", "i2v-api", now.plusSeconds(300)));
        int expired = credits(token(signing, "user-7", "https://id.example.com/", "i2v-api", now.minusSeconds(300)));
        int otherAudience = credits(token(signing, "user-7", "https://id.example.com/", "someone-else", now.plusSeconds(300)));
        int otherIssuer = credits(token(signing, "user-7", "https://evil.example.com/", "i2v-api", now.plusSeconds(300)));
        int forged = credits(token(stranger, "user-7", "https://id.example.com/", "i2v-api", now.plusSeconds(300)));

        assertThat(linked).isEqualTo(204);
        assertThat(valid).isEqualTo(200);
        assertThat(List.of(unlinked, expired, otherAudience, otherIssuer, forged)).containsOnly(401);
    }

    private int credits(String bearer) {
        return http.get().uri("/v1/credits").header(HttpHeaders.AUTHORIZATION, "Bearer " + bearer)
                .exchange((req, res) -> res.getStatusCode().value());
    }

    private static String token(RSAKey key, String subject, String issuer, String audience,
                                Instant expires) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audience)
                        .issueTime(Date.from(expires.minusSeconds(600))).expirationTime(Date.from(expires))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void internalCallsCarryTheServiceCredentialAndTheRequestIdAndTheInternalApiIsNotServedHere() {
        String key = newAccountKey();
        stubJobCreation();

        http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key).header("X-Request-Id", "trace-me-42")
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form("a calm sea", TestImages.encoded("png", 640, 480)))
                .exchange((req, res) -> res.getStatusCode().value());
        JsonNode throughGateway = exchange(http.get().uri("/internal/accounts/" + UUID.randomUUID() + "/credits")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestServers.INTERNAL_TOKEN));

        DOWNSTREAM.verify(1, postRequestedFor(urlEqualTo("/internal/holds"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + TestServers.INTERNAL_TOKEN))
                .withHeader("X-Request-Id", WireMock.equalTo("trace-me-42")));
        assertThatProblem(throughGateway).hasStatus(404).hasCode("not_found").hasNoStackTrace();
    }

    @Test
    void fiftyConcurrentSubmitsUnderOneIdempotencyKeyMakeOneJobAndFiftyIdenticalAnswers() throws Exception {
        String key = newAccountKey();
        stubJobCreation();
        DOWNSTREAM.stubFor(post("/internal/jobs").willReturn(aResponse().withStatus(201).withFixedDelay(300)
                .withHeader("Content-Type", "application/json").withTransformers("response-template")
                .withBody(JOB_TEMPLATE)));
        byte[] image = TestImages.encoded("png", 640, 480);
        String body = "{\"prompt\":\"one job only\",\"image\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(image) + "\"}";

        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                    .header("Idempotency-Key", "order-42").contentType(MediaType.APPLICATION_JSON).body(body)
                    .exchange((req, res) -> res.getStatusCode().value() + " " + new String(res.getBody().readAllBytes())));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        Set<String> answers = new HashSet<>();
        try {
            for (Future<String> answer : pool.invokeAll(calls)) {
                answers.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).hasSize(1);
        assertThat(answers.iterator().next()).startsWith("202 ");
        DOWNSTREAM.verify(1, postRequestedFor(urlEqualTo("/internal/jobs")));
        DOWNSTREAM.verify(1, postRequestedFor(urlEqualTo("/internal/holds")));
    }

    @Test
    void anIdempotencyKeyReplaysItsAnswerAndRefusesADifferentRequest() {
        String key = newAccountKey();
        stubJobCreation();
        byte[] image = TestImages.encoded("png", 640, 480);

        ResponseEntityView first = submitWithKey(key, "k-1", form("first", image));
        ResponseEntityView again = submitWithKey(key, "k-1", form("first", image));
        ResponseEntityView other = submitWithKey(key, "k-1", form("another prompt", image));
        ResponseEntityView otherAccount = submitWithKey(newAccountKey(), "k-1", form("first", image));

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.replayed()).isTrue();
        assertThat(first.replayed()).isFalse();
        assertThatProblem(json.readTree(other.body()))
                .hasStatus(422).hasCode("idempotency_key_reused").hasNoStackTrace();
        assertThat(otherAccount.status()).isEqualTo(202);
        assertThat(otherAccount.body()).isNotEqualTo(first.body());
        DOWNSTREAM.verify(2, postRequestedFor(urlEqualTo("/internal/jobs")));
    }

    record ResponseEntityView(int status, String body, boolean replayed) {
    }

    private ResponseEntityView submitWithKey(String key, String idempotencyKey, MultiValueMap<String, Object> form) {
        return http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.MULTIPART_FORM_DATA).body(form)
                .exchange((req, res) -> new ResponseEntityView(res.getStatusCode().value(),
                        new String(res.getBody().readAllBytes()), "true".equals(res.getHeaders().getFirst("Idempotent-Replayed"))));
    }

    @Test
    void anImageUrlIntoOurNetworkIsRefusedAndChangesNothing() {
        String key = newAccountKey();
        long filesBefore = storedFiles();

        for (String url : List.of("https://169.254.169.254/latest/meta-data/", "https://localhost:" + port + "/v1/credits",
                "http://example.com/cat.png")) {
            JsonNode problem = exchange(http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                    .contentType(MediaType.APPLICATION_JSON).body("{\"prompt\":\"x\",\"image_url\":\"" + url + "\"}"));
            assertThatProblem(problem).hasStatus(400).hasCode("invalid_image_url").hasNoStackTrace();
        }

        DOWNSTREAM.verify(0, postRequestedFor(urlEqualTo("/internal/holds")));
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void badInputIsA4xxProblemAndChangesNothing() {
        String key = newAccountKey();
        long filesBefore = storedFiles();
        byte[] png = TestImages.encoded("png", 640, 480);

        assertThatProblem(submit(key, form("x", "<svg/>".getBytes())))
                .hasStatus(415).hasCode("unsupported_image_type").hasNoStackTrace();
        assertThatProblem(submit(key, form("x", TestImages.pngHeaderOnly(100_000, 100_000))))
                .hasStatus(413).hasCode("image_too_large").hasNoStackTrace();
        assertThatProblem(submit(key, form("", png))).hasStatus(400).hasCode("invalid_prompt").hasNoStackTrace();
        assertThatProblem(submit(key, form("x".repeat(2001), png)))
                .hasStatus(400).hasCode("invalid_prompt").hasNoStackTrace();
        assertThatProblem(submit(key, form("x", TestImages.encoded("png", 100, 100))))
                .hasStatus(400).hasCode("invalid_image").hasNoStackTrace();
        MultiValueMap<String, Object> sevenSeconds = form("x", png);
        sevenSeconds.add("duration", "7");
        assertThatProblem(submit(key, sevenSeconds)).hasStatus(422).hasCode("unsupported_option").hasNoStackTrace();
        MultiValueMap<String, Object> notANumber = form("x", png);
        notANumber.add("duration", "six");
        assertThatProblem(submit(key, notANumber)).hasStatus(400).hasCode("invalid_request").hasNoStackTrace();
        MultiValueMap<String, Object> noImage = new LinkedMultiValueMap<>();
        noImage.add("prompt", "x");
        assertThatProblem(submit(key, noImage)).hasStatus(400).hasCode("invalid_image").hasNoStackTrace();
        assertThatProblem(exchange(http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).body("{\"prompt\": \"x\", \"image\": \"data:nope\"}"))).hasStatus(400).hasCode("invalid_image").hasNoStackTrace();
        assertThatProblem(exchange(http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).body("{not json"))).hasStatus(400).hasCode("invalid_request").hasNoStackTrace();

        DOWNSTREAM.verify(0, postRequestedFor(urlEqualTo("/internal/holds")));
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void aRefusedHoldIsRelayedWithItsDetailsAndLeavesNoFile() {
        String key = newAccountKey();
        long filesBefore = storedFiles();
        DOWNSTREAM.stubFor(post("/internal/holds").willReturn(aResponse().withStatus(402)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":402,\"code\":\"insufficient_credits\",\"detail\":\"no\",\"balance\":10,\"cost\":30}")));

        JsonNode problem = submit(key, form("x", TestImages.encoded("png", 640, 480)));

        assertThatProblem(problem).hasStatus(402).hasCode("insufficient_credits").hasNoStackTrace();
        assertThat(problem.get("balance").asLong()).isEqualTo(10);
        assertThat(problem.get("cost").asLong()).isEqualTo(30);
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    @Test
    void aJobServiceOutageReleasesTheHoldAndAnswers503() {
        String key = newAccountKey();
        long filesBefore = storedFiles();
        DOWNSTREAM.stubFor(post("/internal/jobs").willReturn(aResponse().withStatus(500)));

        JsonNode problem = submit(key, form("x", TestImages.encoded("png", 640, 480)));

        assertThatProblem(problem).hasStatus(503).hasCode("unavailable").hasNoStackTrace();
        DOWNSTREAM.verify(1, postRequestedFor(urlMatching("/internal/holds/.*/release")));
        assertThat(storedFiles()).isEqualTo(filesBefore);
    }

    /** A create whose answer was lost although job-service recorded it: the job is answered, its hold kept. */
    @Test
    void aCreateWhoseAnswerWasLostButWhichWasRecordedIsAcceptedAndKeepsItsHold() {
        String key = newAccountKey();
        DOWNSTREAM.stubFor(post("/internal/jobs").willReturn(aResponse().withStatus(500)));
        DOWNSTREAM.stubFor(get(urlMatching("/internal/jobs/[0-9a-f-]+")).willReturn(okJson(json.writeValueAsString(
                jobView(UUID.randomUUID(), UUID.randomUUID())))));

        JsonNode accepted = submit(key, form("x", TestImages.encoded("png", 640, 480)));

        assertThat(accepted.get("status").asString()).as(accepted.toString()).isEqualTo("queued");
        DOWNSTREAM.verify(0, postRequestedFor(urlMatching("/internal/holds/.*/release")));
    }

    /** When job-service can say neither, the hold and image stay for the hold sweeper, and the answer says why. */
    @Test
    void aCreateWhoseOutcomeCannotBeKnownKeepsItsHoldAndAnswers503() {
        String key = newAccountKey();
        long filesBefore = storedFiles();
        DOWNSTREAM.stubFor(post("/internal/jobs").willReturn(aResponse().withStatus(500)));
        DOWNSTREAM.stubFor(get(urlMatching("/internal/jobs/[0-9a-f-]+")).willReturn(aResponse().withStatus(503)));

        JsonNode problem = submit(key, form("x", TestImages.encoded("png", 640, 480)));

        assertThatProblem(problem).hasStatus(503).hasCode("unavailable").hasNoStackTrace();
        assertThat(problem.get("detail").asString()).contains("did not say whether the video was accepted");
        DOWNSTREAM.verify(0, postRequestedFor(urlMatching("/internal/holds/.*/release")));
        assertThat(storedFiles()).as("the image a recorded job would need is kept").isGreaterThan(filesBefore);
    }

    @Test
    void anotherAccountsJobIsNotFound() {
        String key = newAccountKey();
        UUID job = UUID.randomUUID();
        DOWNSTREAM.stubFor(get("/internal/jobs/" + job).willReturn(okJson(json.writeValueAsString(jobView(job,
                UUID.randomUUID())))));

        assertThatProblem(exchange(http.get().uri("/v1/videos/" + job).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)))
                .hasStatus(404).hasCode("not_found").hasNoStackTrace();
        assertThatProblem(exchange(http.get().uri("/v1/videos/" + job + "/content")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + key))).hasStatus(404).hasCode("not_found").hasNoStackTrace();
    }

    @Test
    void aSignedLinkServesTheInputImageWithoutAKeyAndNothingElseDoes() throws IOException {
        byte[] png = TestImages.pngHeaderOnly(640, 480);
        new FileSystemObjectStore(STORE).put("inputs/j-1/image.png", new ByteArrayInputStream(png), "image/png");
        SignedLinks links = new SignedLinks(URI.create("https://api.example.com"), LINK_SECRET, Duration.ofMinutes(5),
                Clock.systemUTC());
        String path = links.link("inputs/j-1/image.png").substring("https://api.example.com".length());

        byte[] served = http.get().uri(URI.create("http://127.0.0.1:" + port + path)).retrieve().body(byte[].class);
        JsonNode altered = exchange(http.get().uri(URI.create("http://127.0.0.1:" + port
                + path.replace("inputs/j-1/image.png", "inputs/j-2/image.png"))));
        JsonNode unsigned = exchange(http.get().uri("/v1/inputs/inputs/j-1/image.png?expires=9999999999&signature=x"));

        assertThat(served).isEqualTo(png);
        assertThatProblem(altered).hasStatus(404).hasCode("not_found").hasNoStackTrace();
        assertThatProblem(unsigned).hasStatus(404).hasCode("not_found").hasNoStackTrace();
    }

    @Test
    void theModelListOffersTheConfiguredProvidersModelsWithTheirOptions() {
        JsonNode models = exchange(http.get().uri("/v1/models").header(HttpHeaders.AUTHORIZATION, "Bearer " + newAccountKey()));

        JsonNode runway = null;
        JsonNode hailuo = null;
        for (JsonNode model : models.get("data")) {
            if (model.get("id").asString().equals("runway-gen4-turbo")) {
                runway = model;
            } else if (model.get("id").asString().equals("hailuo-02")) {
                hailuo = model;
            }
        }
        assertThat(runway).isNotNull();
        assertThat(runway.get("available").asBoolean()).isTrue();
        assertThat(runway.get("durations").toString()).isEqualTo("[5,10]");
        assertThat(runway.get("default_resolution").asString()).isEqualTo("720P");
        assertThat(hailuo.get("available").asBoolean()).isFalse();
        assertThat(hailuo.get("prompt_optimizer").asBoolean()).isTrue();
    }

    static final String JOB_TEMPLATE = """
            {"id": "{{jsonPath request.body '$.job_id'}}", "account_id": "{{jsonPath request.body '$.account_id'}}",
             "status": "queued", "model": "local", "prompt": "{{jsonPath request.body '$.prompt'}}",
             "duration_seconds": 6, "resolution": "768P", "lane": "standard", "cost": 30, "progress": 0,
             "attempt": 1, "created_at": "2026-11-25T00:00:00Z"}
            """;

    private void stubJobCreation() {
        DOWNSTREAM.stubFor(post("/internal/jobs").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody(JOB_TEMPLATE)));
    }

    private static JobsApi.JobView jobView(UUID id, UUID account) {
        return new JobsApi.JobView(id, account, JobStatus.QUEUED, "local", "p", 6, "768P", Lane.STANDARD, 30, 0, 1,
                Instant.now(),
                null, null, null, null, 0, 10);
    }

    private String newAccountKey() {
        JsonNode account = exchange(http.post().uri("/admin/v1/accounts")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"plan\":\"free\"}"));
        return account.get("api_key").asString();
    }

    /** One HTTP/1.1 response with a Content-Length or chunked body, read without waiting for the close. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            text.append((char) in.read());
        }
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        assertThat(length.find()).as(text.toString()).isTrue();
        return text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
    }

    private static MultiValueMap<String, Object> form(String prompt, byte[] image) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("prompt", prompt);
        form.add("image", new ByteArrayResource(image) {
            @Override
            public String getFilename() {
                return "image.png";
            }
        });
        return form;
    }

    private JsonNode submit(String key, MultiValueMap<String, Object> form) {
        return exchange(http.post().uri("/v1/videos").header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.MULTIPART_FORM_DATA).body(form));
    }

    private JsonNode exchange(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, res) -> {
            JsonNode body = json.readTree(res.getBody());
            if (res.getStatusCode().isError()) {
                assertThat(res.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            }
            return body;
        });
    }

    private static long storedFiles() {
        try (Stream<Path> files = Files.walk(STORE)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
