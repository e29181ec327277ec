package dev.i2v.credits;

import static dev.i2v.fixtures.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;
import dev.i2v.credits.accounts.CreditsQueryService;
import dev.i2v.credits.accounts.OpenAccountService;
import dev.i2v.credits.holds.HoldService;
import dev.i2v.credits.ledger.LedgerQueries;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.infra.TestServers;

class CreditsServiceIT extends CreditsITBase {

    @LocalServerPort
    int port;
    @Autowired
    OpenAccountService accounts;
    @Autowired
    CreditsQueryService credits;
    @Autowired
    HoldService holds;
    @Autowired
    LedgerQueries ledger;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void signupGrantIsGivenOnceHoweverOftenTheAccountIsOpened() {
        UUID account = UUID.randomUUID();
        accounts.open(account, "free", null);
        accounts.open(account, "free", null);

        assertThat(credits.credits(account).balance()).isEqualTo(1000);
        assertThat(ledger.history(account, null, 10).data()).singleElement()
                .satisfies(line -> assertThat(line.kind()).isEqualTo("grant"));
    }

    @Test
    void aCapturedHoldSpendsThePointsAndFreesTheSlot() {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID();

        holds.place(job, account, 30);
        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThat(credits.credits(account).concurrency().active()).isEqualTo(1);

        holds.capture(job);
        holds.capture(job);

        CreditsApi.CreditsView after = credits.credits(account);
        assertThat(after.balance()).isEqualTo(970);
        assertThat(after.concurrency().active()).isZero();
        assertThat(ledger.history(account, null, 10).data()).extracting(CreditsApi.LedgerLine::kind)
                .containsExactly("capture", "hold", "grant");
    }

    @Test
    void aReleasedHoldGivesThePointsBackAndCannotThenBeCaptured() {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID();
        holds.place(job, account, 50);

        holds.release(job);

        assertThat(credits.credits(account).balance()).isEqualTo(1000);
        assertThatThrownBy(() -> holds.capture(job)).isInstanceOf(CreditsException.HoldAlreadyResolved.class);
    }

    @Test
    void placingTheSameHoldTwiceHoldsOnceAndADifferentAmountIsRefused() {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID();

        holds.place(job, account, 30);
        holds.place(job, account, 30);

        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThatThrownBy(() -> holds.place(job, account, 60)).isInstanceOf(CreditsException.HoldConflict.class);
    }

    @Test
    void concurrentHoldsNeverExceedThePlansSlots() throws Exception {
        UUID account = newFreeAccount();
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            attempts.add(() -> {
                try {
                    holds.place(UUID.randomUUID(), account, 30);
                    return true;
                } catch (CreditsException.ConcurrencyLimit e) {
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long succeeded = 0;
        for (Future<Boolean> f : pool.invokeAll(attempts)) {
            succeeded += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(succeeded).isEqualTo(3);
        assertThat(credits.credits(account).balance()).isEqualTo(910);
        assertThat(credits.credits(account).concurrency().active()).isEqualTo(3);
    }

    @Test
    void aPlanThatQueuesHoldsBeyondItsParallelLimitUpToItsQueuedLimitThenRefuses() {
        UUID account = UUID.randomUUID();
        accounts.open(account, "standard", null);

        for (int i = 0; i < 25; i++) {
            CreditsApi.HoldView hold = holds.place(UUID.randomUUID(), account, 1);
            assertThat(hold.parallelJobs()).as("what job-service admits at once").isEqualTo(5);
            assertThat(hold.turnWeight()).as("the standard plan's share of each turn").isEqualTo(2);
            assertThat(hold.watermark()).as("the standard plan shows results clean").isFalse();
        }
        JsonNode full = post(internalClient(), "/internal/holds", aSixSecondClip(account));

        assertThatProblem(full).hasStatus(429).hasCode("concurrency_limit");
        assertThat(full.get("limit").asInt()).isEqualTo(5);
        assertThat(full.get("queued_limit").asInt()).isEqualTo(20);
        assertThat(full.get("active").asInt()).isEqualTo(25);
    }

    @Test
    void aRelaxedJobTakesNoParallelSlotCostsNothingAndIsBoundedOnItsOwn() {
        UUID account = UUID.randomUUID();
        accounts.open(account, "pro", null);
        for (int i = 0; i < 55; i++) {
            holds.place(UUID.randomUUID(), account, 1);
        }
        assertThatProblem(post(internalClient(), "/internal/holds", aSixSecondClip(account))).hasStatus(429);

        CreditsApi.PlaceHold relaxed = new CreditsApi.PlaceHold(UUID.randomUUID(), account, "local", 6, "768P",
                Lane.RELAXED);
        JsonNode accepted = post(internalClient(), "/internal/holds", relaxed);
        assertThat(accepted.get("amount").asLong()).as("the relaxed lane is free").isZero();
        assertThat(credits.credits(account).concurrency().active()).as("no slot taken").isEqualTo(55);
        holds.release(relaxed.jobId());
        assertThat(credits.credits(account).concurrency().active()).as("none given back either").isEqualTo(55);

        for (int i = 0; i < 55; i++) {
            holds.place(UUID.randomUUID(), account, 0, false);
        }
        assertThatProblem(post(internalClient(), "/internal/holds", new CreditsApi.PlaceHold(UUID.randomUUID(),
                account, "local", 6, "768P", Lane.RELAXED))).as("relaxed jobs have a bound of their own")
                .hasStatus(429).hasCode("concurrency_limit");
    }

    @Test
    void refusalsAreProblemsWithStableCodes() {
        UUID account = newFreeAccount();
        RestClient http = internalClient();
        post(http, "/internal/accounts/" + account + "/grants",
                new CreditsApi.AdminGrantRequest(-980, "test: nearly empty", null, "drain-" + account));

        JsonNode poor = post(http, "/internal/holds", aSixSecondClip(account));
        assertThatProblem(poor).hasStatus(402).hasCode("insufficient_credits");
        assertThat(poor.get("balance").asLong()).isEqualTo(20);
        assertThat(poor.get("cost").asLong()).isEqualTo(30);

        for (int i = 0; i < 3; i++) {
            holds.place(UUID.randomUUID(), account, 5);
        }
        JsonNode busy = post(http, "/internal/holds", aSixSecondClip(account));
        assertThatProblem(busy).hasStatus(429).hasCode("concurrency_limit");
        assertThat(busy.get("limit").asInt()).isEqualTo(3);

        JsonNode garbage = post(http, "/internal/holds", "{not json");
        assertThatProblem(garbage).hasStatus(400).hasCode("invalid_request");
        assertThat(credits.credits(account).balance()).isEqualTo(5);
    }

    /** One call prices the job and holds that price; what the plan refuses is refused before anything is held. */
    @Test
    void aHoldIsPricedByCreditsAndRefusedWhatThePlanDoesNotAllow() {
        UUID account = newFreeAccount();
        RestClient http = internalClient();

        JsonNode held = post(http, "/internal/holds", aSixSecondClip(account));
        JsonNode again = post(http, "/internal/holds", new CreditsApi.PlaceHold(UUID.fromString(held.get("job_id")
                .asString()), account, "local", 6, "768P", Lane.STANDARD));
        JsonNode hd = post(http, "/internal/holds", new CreditsApi.PlaceHold(UUID.randomUUID(), account, "local", 6,
                "1080P", Lane.STANDARD));

        assertThat(held.get("amount").asLong()).isEqualTo(30);
        assertThat(again.get("amount").asLong()).as("a retry returns the first hold").isEqualTo(30);
        assertThatProblem(hd).hasStatus(422).hasCode("plan_limit");
        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThat(credits.credits(account).concurrency().active()).isEqualTo(1);
    }

    private static CreditsApi.PlaceHold aSixSecondClip(UUID account) {
        return new CreditsApi.PlaceHold(UUID.randomUUID(), account, "local", 6, "768P", Lane.STANDARD);
    }

    @Test
    void theInternalApiRefusesACallWithoutTheServiceCredential() {
        RestClient anonymous = RestClient.create("http://127.0.0.1:" + port);
        RestClient wrong = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer not-the-token").build();

        JsonNode none = post(anonymous, "/internal/quotes", new CreditsApi.QuoteRequest(null, "local", 6, "768P", Lane.STANDARD));
        JsonNode guessed = post(wrong, "/internal/quotes", new CreditsApi.QuoteRequest(null, "local", 6, "768P", Lane.STANDARD));

        assertThatProblem(none).hasStatus(401).hasCode("unauthenticated");
        assertThat(guessed.get("status").asInt()).isEqualTo(401);
    }

    @Test
    void pointsMetricsFollowTheLedger() throws Exception {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID();
        holds.place(job, account, 30);
        long heldWithTheHold = awaitMetric("i2v_points_held", v -> v >= 30);

        holds.capture(job);
        long captured = awaitMetric("i2v_points_total{movement=\"capture\"}", v -> v >= 30);

        assertThat(heldWithTheHold).isGreaterThanOrEqualTo(30);
        assertThat(captured).isGreaterThanOrEqualTo(30);
    }

    private long awaitMetric(String series, LongPredicate done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long value = -1;
        while (System.nanoTime() < deadline) {
            String scrape = RestClient.create("http://127.0.0.1:" + port).get().uri("/actuator/prometheus")
                    .retrieve().body(String.class);
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series)
                    + " (\\S+)$").matcher(scrape);
            value = m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
            if (done.test(value)) {
                return value;
            }
            Thread.sleep(100);
        }
        return value;
    }

    private RestClient internalClient() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestServers.INTERNAL_TOKEN).build();
    }

    @Test
    void quotesFollowTheDefaultPriceRule() {
        RestClient http = internalClient();
        JsonNode six = post(http, "/internal/quotes", new CreditsApi.QuoteRequest(null, "local", 6, "768P", Lane.STANDARD));
        JsonNode tenHd = post(http, "/internal/quotes", new CreditsApi.QuoteRequest(null, "local", 10, "1080P", Lane.STANDARD));
        assertThat(six.get("cost").asLong()).isEqualTo(30);
        assertThat(tenHd.get("cost").asLong()).isEqualTo(100);
    }

    @Test
    void aQuoteForAnAccountIsRefusedWhatItsPlanDoesNotAllow() {
        RestClient http = internalClient();
        UUID free = newFreeAccount();

        JsonNode allowed = post(http, "/internal/quotes", new CreditsApi.QuoteRequest(free, "local", 10, "768P", Lane.STANDARD));
        JsonNode hd = post(http, "/internal/quotes", new CreditsApi.QuoteRequest(free, "local", 6, "1080P", Lane.STANDARD));
        JsonNode relaxed = post(http, "/internal/quotes", new CreditsApi.QuoteRequest(free, "local", 6, "768P", Lane.RELAXED));
        JsonNode priority = post(http, "/internal/quotes", new CreditsApi.QuoteRequest(free, "local", 6, "768P", Lane.PRIORITY));

        assertThat(allowed.get("cost").asLong()).isEqualTo(50);
        for (JsonNode refused : new JsonNode[] {hd, relaxed, priority}) {
            assertThat(refused.get("status").asInt()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.get("code").asString()).isEqualTo("plan_limit");
            assertThat(refused.get("plan").asString()).isEqualTo("free");
        }
        assertThat(hd.get("detail").asString()).contains("768P");
    }

    @Test
    void jobOutcomesOnKafkaSettleHoldsExactlyOnce() throws Exception {
        UUID account = newFreeAccount();
        UUID succeeded = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        holds.place(succeeded, account, 30);
        holds.place(failed, account, 50);

        Instant now = Instant.now();
        for (int i = 0; i < 2; i++) { // each event delivered twice: the second changes nothing
            send(new JobEvent.JobSucceeded(UUID.randomUUID(), succeeded, account, 30, null, now));
            send(new JobEvent.JobFailed(UUID.randomUUID(), failed, account, "engine_error", "boom", now));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CreditsApi.CreditsView view = credits.credits(account);
            assertThat(view.balance()).isEqualTo(970);
            assertThat(view.concurrency().active()).isZero();
        });
        assertThat(ledger.history(account, null, 10).data()).extracting(CreditsApi.LedgerLine::kind)
                .containsExactlyInAnyOrder("grant", "hold", "hold", "capture", "release");
    }

    private void send(JobEvent event) throws Exception {
        kafka.send(Topics.JOB_EVENTS, event.jobId().toString(), json.writeValueAsString(event)).get();
    }

    private UUID newFreeAccount() {
        UUID account = UUID.randomUUID();
        accounts.open(account, "free", null);
        return account;
    }

    private JsonNode post(RestClient http, String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(body instanceof String s ? s : json.writeValueAsString(body))
                .exchange((request, response) -> json.readTree(response.getBody()));
    }
}
