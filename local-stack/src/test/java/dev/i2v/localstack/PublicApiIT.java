package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.i2v.fixtures.TestImages;
import dev.i2v.infra.FreePorts;

/**
 * The public contract ({@code docs/public-api.md}, from {@code shared/reference/public-api.md}) walked
 * against the whole running system: every endpoint, every error code, account isolation, and a fuzz
 * run after which nothing may be left behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublicApiIT {

    /** Every error code of the contract's table (public-api.md, "Errors"). */
    static final Set<String> CONTRACT_CODES = Set.of("invalid_request", "invalid_prompt", "invalid_image",
            "invalid_image_url", "invalid_webhook_url", "unauthenticated", "insufficient_credits", "not_found", "job_not_cancellable",
            "output_not_ready", "image_too_large", "unsupported_image_type", "unsupported_option", "plan_limit",
            "idempotency_key_reused", "concurrency_limit", "rate_limited", "unavailable");
    /** Codes whose cause this stack cannot produce on demand, each proven elsewhere. */
    static final Map<String, String> PROVEN_ELSEWHERE = Map.of(
            "unavailable", "GatewayIT.aJobServiceOutageReleasesTheHoldAndAnswers503 (a dependency down)");
    static final int SUBMITS_PER_MINUTE = 40;

    @TempDir
    static Path data;
    static LocalStack stack;
    static StackClient api;
    static StackDatabase db;
    static byte[] png;
    static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startStack() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(StackConfig.ephemeral(home, data).with(Map.of(
                "i2v.gateway.rate-limits.submits-per-minute", Integer.toString(SUBMITS_PER_MINUTE))));
        api = new StackClient(stack);
        db = new StackDatabase(stack);
        png = TestImages.gradient("png", 640, 480);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aJobTravelsEveryEndpointOfTheContract() throws Exception {
        ApiCall.Reply created = call("POST", "/admin/v1/accounts").key(stack.adminToken()).json("{\"plan\":\"free\"}").send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("plan").asString()).isEqualTo("free");
        String key = created.json().get("api_key").asString();
        String accountId = created.json().get("account_id").asString();

        JsonNode credits = ok(call("GET", "/v1/credits").key(key).send());
        assertThat(credits.get("balance").asLong()).isEqualTo(1000);
        assertThat(credits.get("plan").asString()).isEqualTo("free");
        assertThat(credits.get("concurrency").get("active").asInt()).isZero();
        assertThat(credits.get("concurrency").get("limit").asInt()).isEqualTo(3);
        assertThat(credits.has("next_daily_grant_at")).isTrue();
        assertThat(credits.get("grants").get(0).get("kind").asString()).isNotBlank();

        JsonNode models = ok(call("GET", "/v1/models").key(key).send());
        JsonNode local = stream(models.get("data")).filter(m -> m.get("id").asString().equals("local")).findFirst().orElseThrow();
        assertThat(local.get("provider").asString()).isNotBlank();
        assertThat(local.get("durations").isArray()).isTrue();
        assertThat(local.get("resolutions").isArray()).isTrue();
        assertThat(local.get("lanes").isArray()).isTrue();
        assertThat(local.get("prompt_optimizer").isBoolean()).isTrue();
        assertThat(local.get("available").asBoolean()).isTrue();

        JsonNode quote = ok(call("POST", "/v1/videos/quote").key(key).json("{\"prompt\":\"a cat\"}").send());
        assertThat(quote.get("cost").asLong()).isEqualTo(30);
        assertThat(quote.get("currency").asString()).isEqualTo("points");

        ApiCall.Reply submitted = call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a slow zoom in")
                .file("image", "cat.png", "image/png", png)).send();
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        JsonNode job = submitted.json();
        String id = job.get("id").asString();
        assertThat(submitted.header("Location")).isEqualTo("/v1/videos/" + id);
        assertThat(job.get("status").asString()).isIn("queued", "running");
        assertThat(job.get("model").asString()).isEqualTo("local");
        assertThat(job.get("prompt").asString()).isEqualTo("a slow zoom in");
        assertThat(job.get("duration").asInt()).isEqualTo(6);
        assertThat(job.get("resolution").asString()).isNotBlank();
        assertThat(job.get("lane").asString()).isEqualTo("standard");
        assertThat(job.get("cost").asLong()).isEqualTo(30);
        assertThat(job.get("progress").asInt()).isBetween(0, 100);
        assertThat(job.get("created_at").asString()).endsWith("Z");

        List<String> events = events(key, id);
        assertThat(events).as("the stream ends after the terminal event").last().asString().contains("\"succeeded\"")
                .as("the event stream says the free plan's video is watermarked").contains("\"watermarked\":true");
        assertThat(events.stream().filter(e -> e.contains("\"running\"")).count()).isPositive();

        JsonNode done = ok(call("GET", "/v1/videos/" + id).key(key).send());
        assertThat(done.get("status").asString()).isEqualTo("succeeded");
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.has("started_at") && done.has("finished_at")).isTrue();
        JsonNode output = done.get("output");
        assertThat(output.get("content_url").asString()).isEqualTo("/v1/videos/" + id + "/content");
        assertThat(output.get("width").asInt()).isPositive();
        assertThat(output.get("height").asInt()).isPositive();
        assertThat(output.get("duration").asDouble()).isBetween(5.9, 6.1);
        assertThat(output.get("watermarked").asBoolean()).isTrue();

        ApiCall.Reply content = call("GET", output.get("content_url").asString()).key(key).send();
        assertThat(content.status()).isEqualTo(200);
        assertThat(content.contentType()).isEqualTo("video/mp4");
        assertThat(new String(content.bytes(), 4, 4)).isEqualTo("ftyp");
        ApiCall.Reply range = call("GET", output.get("content_url").asString()).key(key).header("Range", "bytes=0-99").send();
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.bytes()).hasSize(100).isEqualTo(Arrays.copyOf(content.bytes(), 100));
        assertThat(range.header("Content-Range")).isEqualTo("bytes 0-99/" + content.bytes().length);

        expectProblem(call("POST", "/v1/videos/" + id + "/cancel").key(key).send(), 409, "job_not_cancellable");

        // JSON with a data URI, under an idempotency key: replayed, and refused for a different body
        String body = "{\"prompt\":\"a cat\",\"model\":\"instant\",\"image\":\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"}";
        ApiCall.Reply first = call("POST", "/v1/videos").key(key).header("Idempotency-Key", "walk-1").json(body).send();
        ApiCall.Reply again = call("POST", "/v1/videos").key(key).header("Idempotency-Key", "walk-1").json(body).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        expectProblem(call("POST", "/v1/videos").key(key).header("Idempotency-Key", "walk-1")
                .json(body.replace("a cat", "a dog")).send(), 422, "idempotency_key_reused");
        api.awaitTerminal(key, first.json().get("id").asString(), Duration.ofMinutes(1));

        // the list: newest first, one page at a time, filtered by status
        JsonNode page1 = ok(call("GET", "/v1/videos?limit=1").key(key).send());
        assertThat(page1.get("data")).hasSize(1);
        assertThat(page1.get("data").get(0).get("id")).isEqualTo(first.json().get("id"));
        JsonNode page2 = ok(call("GET", "/v1/videos?limit=1&cursor=" + page1.get("next_cursor").asString()).key(key).send());
        assertThat(page2.get("data").get(0).get("id").asString()).isEqualTo(id);
        JsonNode succeeded = ok(call("GET", "/v1/videos?status=succeeded").key(key).send());
        assertThat(stream(succeeded.get("data")).map(j -> j.get("status").asString())).containsOnly("succeeded").hasSize(2);
        assertThat(stream(succeeded.get("data")).map(j -> j.get("output").get("watermarked").asBoolean()))
                .as("the list says the free plan's videos are watermarked").containsOnly(true);
        expectProblem(call("GET", "/v1/videos?limit=0").key(key).send(), 400, "invalid_request");

        JsonNode history = ok(call("GET", "/v1/credits/history").key(key).send());
        List<String> kinds = stream(history.get("data")).map(l -> l.get("kind").asString()).toList();
        assertThat(kinds).contains("grant", "hold", "capture");
        JsonNode line = history.get("data").get(0);
        assertThat(line.has("id") && line.has("points") && line.has("balance_after") && line.has("created_at")).isTrue();
        assertThat(ok(call("GET", "/v1/credits").key(key).send()).get("balance").asLong()).isEqualTo(940);

        // the admin API: plan change and an adjustment that never takes the balance below zero
        assertThat(call("PUT", "/admin/v1/accounts/" + accountId + "/plan").key(stack.adminToken())
                .json("{\"plan\":\"standard\"}").send().status()).isEqualTo(200);
        assertThat(ok(call("GET", "/v1/videos/" + id).key(key).send()).get("output").get("watermarked").asBoolean()).isFalse();
        ApiCall.Reply debit = call("POST", "/admin/v1/accounts/" + accountId + "/grants").key(stack.adminToken())
                .json("{\"points\":-5000,\"reason\":\"test\",\"idempotency_key\":\"adj-1\"}").send();
        assertThat(debit.status()).as(debit.toString()).isBetween(200, 201);
        assertThat(ok(call("GET", "/v1/credits").key(key).send()).get("balance").asLong()).isZero();
    }

    @Test
    @Order(2)
    void aRunningJobIsCancelledItsOutputIsNotReadyAndItsPointsComeBack() throws Exception {
        String key = api.newAccount("free")[0];
        String id = submitInstant(key, "sleep:30").json().get("id").asString();
        awaitStatus(key, id, "running");

        expectProblem(call("GET", "/v1/videos/" + id + "/content").key(key).send(), 409, "output_not_ready");
        ApiCall.Reply cancelled = call("POST", "/v1/videos/" + id + "/cancel").key(key).send();
        JsonNode end = api.awaitTerminal(key, id, Duration.ofMinutes(1));

        assertThat(cancelled.status()).isIn(200, 202);
        assertThat(end.get("status").asString()).isEqualTo("cancelled");
        awaitBalance(key, 1000);

        // deleted: gone for its owner everywhere, and a second delete finds nothing
        String done = submitInstant(key, "quick").json().get("id").asString();
        api.awaitTerminal(key, done, Duration.ofMinutes(1));
        assertThat(call("DELETE", "/v1/videos/" + done).key(key).send().status()).isEqualTo(204);
        for (String path : List.of("", "/content", "/events")) {
            expectProblem(call("GET", "/v1/videos/" + done + path).key(key).send(), 404, "not_found");
        }
        expectProblem(call("DELETE", "/v1/videos/" + done).key(key).send(), 404, "not_found");
        assertThat(stream(ok(call("GET", "/v1/videos").key(key).send()).get("data")).map(j -> j.get("id").asString()))
                .containsExactly(id);
        // a job deleted while it runs is cancelled first: its points come back
        String running = submitInstant(key, "sleep:30").json().get("id").asString();
        awaitStatus(key, running, "running");
        assertThat(call("DELETE", "/v1/videos/" + running).key(key).send().status()).isEqualTo(204);
        awaitBalance(key, 970);
        expectProblem(call("GET", "/v1/videos/" + running).key(key).send(), 404, "not_found");
    }

    @Test
    @Order(3)
    void everyRefusalIsAProblemWithItsCodeAndChangesNothing() throws Exception {
        String[] account = api.newAccount("free");
        String key = account[0];
        Multipart valid = new Multipart().field("prompt", "a cat").file("image", "a.png", "image/png", png);

        expectProblem(call("GET", "/v1/credits").send(), 401, "unauthenticated");
        expectProblem(call("GET", "/v1/credits").key("i2v_not_a_key").send(), 401, "unauthenticated");
        expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a").field("duration", "six")
                .file("image", "a.png", "image/png", png)).send(), 400, "invalid_request");
        expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a".repeat(2001))
                .file("image", "a.png", "image/png", png)).send(), 400, "invalid_prompt");
        expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a")).send(), 400, "invalid_image");
        long inputsBefore = storedInputs();
        byte[] jpeg = TestImages.gradient("jpg", 640, 480);
        byte[] corrupt = jpeg.clone();
        Arrays.fill(corrupt, corrupt.length / 2, corrupt.length / 2 + 64, (byte) 0x5A);
        for (byte[] undecodable : List.of(Arrays.copyOf(png, png.length / 2), TestImages.pngHeaderOnly(640, 480),
                Arrays.copyOf(jpeg, jpeg.length / 2), corrupt)) {
            ApiCall.Reply refused = call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a")
                    .field("model", "instant").file("image", "a.png", "image/png", undecodable)).send();
            expectProblem(refused, 400, "invalid_image");
            assertThat(refused.json().get("detail").asString()).contains("does not decode");
        }
        assertThat(storedInputs()).as("inputs stored by refused submits").isEqualTo(inputsBefore);
        expectProblem(call("POST", "/v1/videos").key(key)
                .json("{\"prompt\":\"a\",\"image_url\":\"http://127.0.0.1/cat.png\"}").send(), 400, "invalid_image_url");
        expectProblem(call("POST", "/v1/videos").key(key)
                .json("{\"prompt\":\"a\",\"image_url\":\"https://169.254.169.254/latest/meta-data\"}").send(), 400, "invalid_image_url");
        for (String inside : List.of("https://127.0.0.1/hook", "https://10.1.2.3/hook", "https://169.254.169.254/latest",
                "https://[::1]/hook", "https://[fd00::1]/hook", "https://[::ffff:192.168.1.1]/hook", "https://localhost/hook",
                "http://hooks.example.com/hook", "https://user:pw@hooks.example.com/hook")) {
            expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a")
                    .field("webhook_url", inside).file("image", "a.png", "image/png", png)).send(), 400, "invalid_webhook_url");
        }
        expectProblem(call("GET", "/v1/videos/" + UUID.randomUUID()).key(key).send(), 404, "not_found");
        expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a")
                .file("image", "huge.png", "image/png", TestImages.pngHeaderOnly(100_000, 100_000))).send(), 413, "image_too_large");
        expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a")
                .file("image", "a.png", "image/png", "GIF89a-not-a-png".getBytes())).send(), 415, "unsupported_image_type");
        expectProblem(call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a").field("duration", "7")
                .file("image", "a.png", "image/png", png)).send(), 422, "unsupported_option");
        ApiCall.Reply plan = call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a")
                .field("resolution", "1080P").file("image", "a.png", "image/png", png)).send();
        expectProblem(plan, 422, "plan_limit");
        assertThat(plan.json().get("plan").asString()).isEqualTo("free");
        assertNothingChanged(account, 1000);

        // three jobs fill the free plan's parallel limit
        List<String> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(submitInstant(key, "sleep:6").json().get("id").asString());
        }
        ApiCall.Reply busy = call("POST", "/v1/videos").key(key).form(valid).send();
        expectProblem(busy, 429, "concurrency_limit");
        assertThat(busy.json().get("limit").asInt()).isEqualTo(3);
        assertThat(busy.json().get("active").asInt()).isEqualTo(3);
        for (String id : running) {
            call("POST", "/v1/videos/" + id + "/cancel").key(key).send();
        }

        String[] poor = api.newAccount("free");
        api.admin("POST", "/admin/v1/accounts/" + poor[1] + "/grants",
                "{\"points\":-990,\"reason\":\"test\",\"idempotency_key\":\"poor-1\"}");
        ApiCall.Reply broke = call("POST", "/v1/videos").key(poor[0]).form(valid).send();
        expectProblem(broke, 402, "insufficient_credits");
        assertThat(broke.json().get("balance").asLong()).isEqualTo(10);
        assertThat(broke.json().get("cost").asLong()).isEqualTo(30);
        assertNothingChanged(poor, 10);

        // a burst past the submit rate: refused with Retry-After and RateLimit headers
        String hasty = api.newAccount("free")[0];
        ApiCall.Reply limited = null;
        for (int i = 0; i <= SUBMITS_PER_MINUTE && limited == null; i++) {
            ApiCall.Reply reply = call("POST", "/v1/videos").key(hasty).json("{}").send();
            limited = reply.status() == 429 ? reply : null;
        }
        assertThat(limited).as("a submit past the limit").isNotNull();
        expectProblem(limited, 429, "rate_limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    @Order(4)
    void oneAccountCannotSeeOrTouchAnothersJobsOrCreditsAndARevokedKeyIsRefused() throws Exception {
        String[] a = api.newAccount("free");
        String[] b = api.newAccount("free");
        String bJob = submitInstant(b[0], "sleep:2").json().get("id").asString();
        String aJob = submitInstant(a[0], "quick").json().get("id").asString();
        api.awaitTerminal(b[0], bJob, Duration.ofMinutes(1));
        api.awaitTerminal(a[0], aJob, Duration.ofMinutes(1));

        for (String[] request : List.of(new String[] {"GET", ""}, new String[] {"GET", "/content"},
                new String[] {"GET", "/events"}, new String[] {"POST", "/cancel"}, new String[] {"DELETE", ""})) {
            expectProblem(call(request[0], "/v1/videos/" + bJob + request[1]).key(a[0]).send(), 404, "not_found");
        }
        JsonNode aList = ok(call("GET", "/v1/videos?limit=100").key(a[0]).send());
        JsonNode aHistory = ok(call("GET", "/v1/credits/history").key(a[0]).send());
        assertThat(stream(aList.get("data")).map(j -> j.get("id").asString())).containsExactly(aJob);
        assertThat(stream(aHistory.get("data")).map(l -> l.path("job_id").asString(""))).doesNotContain(bJob);
        assertThat(ok(call("GET", "/v1/videos/" + bJob).key(b[0]).send()).get("status").asString()).isEqualTo("succeeded");

        JsonNode second = api.admin("POST", "/admin/v1/accounts/" + a[1] + "/keys", "{\"label\":\"laptop\"}").body();
        assertThat(ok(call("GET", "/v1/credits").key(second.get("api_key").asString()).send()).get("balance").asLong())
                .isEqualTo(970);
        assertThat(api.admin("DELETE", "/admin/v1/accounts/" + a[1] + "/keys/" + second.get("prefix").asString(), null).status())
                .isEqualTo(204);
        expectProblem(call("GET", "/v1/videos/" + aJob).key(second.get("api_key").asString()).send(), 401, "unauthenticated");
        expectProblem(call("GET", "/v1/credits").key(a[0] + "x").send(), 401, "unauthenticated");
    }

    @Test
    @Order(5)
    void fuzzedRequestsAreOnlyEverRefusedWithAProblemAndLeaveNothingBehind() throws Exception {
        List<FuzzInputs.Input> inputs = new FuzzInputs(20261125L).all();
        long filesBefore = storedInputs();
        List<String[]> accounts = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (i % (SUBMITS_PER_MINUTE - 5) == 0) {
                accounts.add(brokeAccount());
            }
            FuzzInputs.Input input = inputs.get(i);
            ApiCall call = call("POST", input.path()).key(accounts.get(accounts.size() - 1)[0]).body(input.contentType(), input.body());
            ApiCall.Reply reply = call.send();
            statuses.merge(reply.status(), 1, Integer::sum);
            String text = new String(reply.bytes(), StandardCharsets.UTF_8);
            // a quote changes nothing, so one that happens to be valid is answered
            boolean quoted = input.path().endsWith("/quote") && reply.status() == 200 && reply.json().has("cost");
            boolean refused = reply.status() >= 400 && reply.status() < 500 && reply.isProblem() && reply.code() != null;
            if (!(quoted || refused) || text.contains("Exception") || text.contains("\tat ")) {
                wrong.add(input.name() + " -> " + reply);
            }
        }
        System.out.printf("fuzz: %d inputs tried, answers by status %s%n", inputs.size(), statuses);

        String ids = accounts.stream().map(a -> "'" + a[1] + "'").collect(Collectors.joining(","));
        assertThat(wrong).as("inputs answered other than with a 4xx problem").isEmpty();
        assertThat(inputs).hasSizeGreaterThan(500);
        assertThat(db.count("select count(*) from jobs.jobs where account_id in (" + ids + ")")).as("jobs").isZero();
        assertThat(db.count("select count(*) from credits.holds where account_id in (" + ids + ")")).as("holds").isZero();
        assertThat(db.count("select count(*) from gateway.idempotency_keys where status = 'in_progress'"))
                .as("idempotency keys left in progress").isZero();
        assertThat(storedInputs()).as("stored input files").isEqualTo(filesBefore);
    }

    /**
     * Reads take no lock and write nothing in credits-service: with the account's row locked by another
     * transaction (as a submit's hold locks it), every read of a job answers 200 — a read that waited for the lock
     * would answer 503 after the gateway's downstream timeout — no session waits on a lock, and the ledger and
     * grants are unchanged.
     */
    @Test
    @Order(5)
    void readsOfJobsNeverWaitBehindALockOnTheAccountNorWrite() throws Exception {
        String[] account = api.newAccount("free");
        String key = account[0];
        String id = submitInstant(key, "quick").json().get("id").asString();
        api.awaitTerminal(key, id, Duration.ofMinutes(1));
        awaitBalance(key, 970);
        String books = "select (select count(*) from credits.ledger_entries where account_id = '" + account[1] + "') || ' ' || "
                + "(select coalesce(sum(remaining), 0) from credits.grants where account_id = '" + account[1] + "')";
        String before = db.rows(books).get(0);

        try (Connection locker = DriverManager.getConnection(stack.jdbcUrl())) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("select 1 from credits.accounts where id = '" + account[1] + "' for update");
            }
            for (String path : List.of("/v1/videos/" + id, "/v1/videos", "/v1/videos?status=succeeded",
                    "/v1/videos/" + id + "/content", "/openai/v1/videos/" + id, "/openai/v1/videos",
                    "/openai/v1/videos/" + id + "/content")) {
                long started = System.nanoTime();
                ApiCall.Reply reply = call("GET", path).key(key).send();
                assertThat(reply.status()).as("GET %s with the account row locked: %s", path, reply).isEqualTo(200);
                System.out.printf("public api: GET %s with the account locked: %d ms%n", path,
                        (System.nanoTime() - started) / 1_000_000);
            }
            assertThat(events(key, id)).last().asString().contains("\"watermarked\":true");
            assertThat(db.count("select count(*) from pg_locks where not granted")).as("lock waits").isZero();
            locker.rollback();
        }
        assertThat(db.rows(books).get(0)).as("ledger entries and grants after the reads").isEqualTo(before);
    }

    /**
     * Rate limits hold for the deployment, not per replica: with a second gateway process on the same database,
     * an account's submits alternated between the two are refused after one limit's worth, not two.
     */
    /**
     * A standard plan runs 5 at once and queues 20 more: seven submits are all accepted, never more than five of them
     * are admitted to the workers at once (sampled from the job rows while they run), and all seven finish, charged.
     */
    @Test
    @Order(5)
    void aPlanWithoutAWatermarkGetsNoMarkedRenditionAndAPlanChangedToOneGetsItOnFirstDownload() throws Exception {
        String[] account = api.newAccount("standard");
        String id = submitInstant(account[0], "unmarked").json().get("id").asString();
        assertThat(api.awaitTerminal(account[0], id, Duration.ofMinutes(1)).get("status").asString())
                .isEqualTo("succeeded");
        Path marked = data.resolve("objects").resolve("outputs").resolve(id).resolve("video.watermarked.mp4");
        assertThat(data.resolve("objects").resolve("outputs").resolve(id).resolve("video.mp4")).exists();
        assertThat(marked).as("a plan that never shows a watermark: no marked rendition made").doesNotExist();
        byte[] clean = call("GET", "/v1/videos/" + id + "/content").key(account[0]).send().bytes();

        assertThat(call("PUT", "/admin/v1/accounts/" + account[1] + "/plan").key(stack.adminToken())
                .json("{\"plan\":\"free\"}").send().status()).isEqualTo(200);

        assertThat(ok(call("GET", "/v1/videos/" + id).key(account[0]).send()).get("output").get("watermarked")
                .asBoolean()).isTrue();
        ApiCall.Reply first = call("GET", "/v1/videos/" + id + "/content").key(account[0]).send();
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.contentType()).isEqualTo("video/mp4");
        assertThat(new String(first.bytes(), 4, 4)).isEqualTo("ftyp");
        assertThat(first.bytes()).as("the free plan is never served the clean master").isNotEqualTo(clean);
        assertThat(marked).as("made on the first download and stored").exists();
        assertThat(call("GET", "/v1/videos/" + id + "/content").key(account[0]).send().bytes())
                .as("the next download serves the stored rendition").isEqualTo(first.bytes());
        assertThat(call("DELETE", "/v1/videos/" + id).key(account[0]).send().status()).isBetween(200, 204);
        assertThat(marked).as("deleting the job deletes the rendition made after it ran").doesNotExist();
    }

    @Test
    @Order(5)
    void jobsBeyondThePlansParallelLimitAreQueuedAndRunInTurn() throws Exception {
        String[] account = api.newAccount("standard");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(submitInstant(account[0], "sleep:3 queued " + i).json().get("id").asString());
        }
        String ofAccount = "from jobs.jobs where account_id = '" + account[1] + "'";
        long mostAdmitted = 0;
        long mostWaiting = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (db.count("select count(*) " + ofAccount + " and status in ('queued', 'running')") > 0
                && System.nanoTime() < deadline) {
            mostAdmitted = Math.max(mostAdmitted, db.count("select count(*) " + ofAccount
                    + " and status in ('queued', 'running') and admitted_at is not null"));
            mostWaiting = Math.max(mostWaiting, db.count("select count(*) " + ofAccount
                    + " and status = 'queued' and admitted_at is null"));
            Thread.sleep(100);
        }

        for (String id : ids) {
            assertThat(api.awaitTerminal(account[0], id, Duration.ofSeconds(30)).get("status").asString())
                    .isEqualTo("succeeded");
        }
        assertThat(mostAdmitted).as("admitted at once").isBetween(1L, 5L);
        assertThat(mostWaiting).as("jobs that waited in job-service for the account's turn").isPositive();
    }

    @Test
    @Order(5)
    void aJobWaitingPastItsPlansQueueTimeoutFailsNeverRunsAndItsPointsComeBack() throws Exception {
        db.execute("insert into credits.plans (code, parallel_jobs, queued_jobs, queue_timeout_seconds, watermark, "
                + "max_resolution_p, max_duration_seconds, lanes, signup_grant, daily_grant, monthly_grant) "
                + "values ('impatient', 1, 5, 2, false, 1080, 10, 'standard', 1000, 0, 0) on conflict (code) do nothing");
        String[] account = api.newAccount("impatient");
        JsonNode runs = submitInstant(account[0], "sleep:6 holds the only slot").json();
        String waits = submitInstant(account[0], "sleep:1 waits past the timeout").json().get("id").asString();

        JsonNode timedOut = api.awaitTerminal(account[0], waits, Duration.ofSeconds(30));
        JsonNode finished = api.awaitTerminal(account[0], runs.get("id").asString(), Duration.ofSeconds(60));
        long held = Long.MAX_VALUE;
        for (long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); held > 0
                && System.nanoTime() < deadline; Thread.sleep(100)) {
            held = db.count("select count(*) from credits.holds where account_id = '" + account[1]
                    + "' and status = 'held'"); // settlement follows each job's end through the broker
        }

        assertThat(timedOut.get("status").asString()).as(timedOut.toString()).isEqualTo("failed");
        assertThat(timedOut.at("/error/code").asString()).isEqualTo("queue_timeout");
        assertThat(db.count("select count(*) from jobs.jobs where id = '" + waits + "' and admitted_at is not null"))
                .as("it never reached a worker").isZero();
        assertThat(finished.get("status").asString()).isEqualTo("succeeded");
        assertThat(held).as("holds still open").isZero();
        assertThat(ok(call("GET", "/v1/credits").key(account[0]).send()).get("balance").asLong())
                .as("only the job that ran is charged").isEqualTo(1000 - runs.get("cost").asLong());
    }

    @Test
    @Order(6)
    void oneAccountsLimitIsSharedByTwoGatewayReplicas() {
        String second = stack.addGateway(FreePorts.next());
        String key = api.newAccount("free")[0];
        Map<Boolean, List<Integer>> byReplica = new HashMap<>(Map.of(true, new ArrayList<>(), false, new ArrayList<>()));
        long started = System.nanoTime();
        for (int i = 0; i < 2 * SUBMITS_PER_MINUTE; i++) {
            ApiCall call = i % 2 == 0 ? call("POST", "/v1/videos") : ApiCall.to(second, "POST", "/v1/videos");
            byReplica.get(i % 2 == 0).add(call.key(key).json("{}").send().status());
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        long passed = byReplica.values().stream().flatMap(List::stream).filter(s -> s != 429).count();
        // the bucket refills evenly over the minute: what came back while the requests ran may pass too
        long refilled = (long) Math.ceil(seconds * SUBMITS_PER_MINUTE / 60.0);
        assertThat(passed).as("submits let through by two replicas in %.1f s: %s", seconds, byReplica)
                .isBetween((long) SUBMITS_PER_MINUTE - 1, SUBMITS_PER_MINUTE + refilled + 1);
        assertThat(byReplica.get(true)).as("the first replica refuses once the shared limit is spent").contains(429);
        assertThat(byReplica.get(false)).as("the second replica refuses once the shared limit is spent").contains(429);
    }

    @Test
    @Order(99)
    void everyErrorCodeOfTheContractWasAnsweredHereOrIsProvenElsewhere() {
        Set<String> missing = new TreeSet<>(CONTRACT_CODES);
        missing.removeAll(SEEN);
        missing.removeAll(PROVEN_ELSEWHERE.keySet());
        assertThat(missing).as("contract codes no test produced").isEmpty();
    }

    // --- helpers ---

    private static ApiCall call(String method, String path) {
        return ApiCall.to(stack, method, path);
    }

    private static JsonNode ok(ApiCall.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static void expectProblem(ApiCall.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("code").asString()).as(reply.toString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("request_id").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        SEEN.add(code);
    }

    private static ApiCall.Reply submitInstant(String key, String prompt) {
        ApiCall.Reply reply = call("POST", "/v1/videos").key(key).form(new Multipart().field("prompt", prompt)
                .field("model", "instant").file("image", "a.png", "image/png", png)).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        return reply;
    }

    /** Refused requests leave the balance as it was, and no job, hold or stored input. */
    private static void assertNothingChanged(String[] account, long balance) {
        assertThat(ok(call("GET", "/v1/credits").key(account[0]).send()).get("balance").asLong()).isEqualTo(balance);
        assertThat(db.count("select count(*) from jobs.jobs where account_id = '" + account[1] + "'")).isZero();
        assertThat(db.count("select count(*) from credits.holds where account_id = '" + account[1] + "'")).isZero();
    }

    private static String[] brokeAccount() {
        String[] account = api.newAccount("free");
        api.admin("POST", "/admin/v1/accounts/" + account[1] + "/grants",
                "{\"points\":-1000,\"reason\":\"fuzz\",\"idempotency_key\":\"fuzz-" + account[1] + "\"}");
        return account;
    }

    private static long storedInputs() throws IOException {
        Path inputs = data.resolve("objects").resolve("inputs");
        if (!Files.exists(inputs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(inputs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static List<String> events(String key, String id) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.config().gatewayUrl() + "/v1/videos/" + id + "/events"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofMinutes(2)).build();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        try (Stream<String> lines = response.body()) {
            return lines.filter(l -> l.startsWith("data:")).toList();
        }
    }

    private static void awaitStatus(String key, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (status.equals(api.get(key, "/v1/videos/" + id).body().get("status").asString())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(id + " never reached " + status);
    }

    private static void awaitBalance(String key, long balance) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long seen = -1;
        while (System.nanoTime() < deadline) {
            seen = api.get(key, "/v1/credits").body().get("balance").asLong();
            if (seen == balance) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("balance " + seen + ", expected " + balance);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
