package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import dev.i2v.fixtures.TestImages;

/**
 * Operating the service without SQL, against the whole running system: plans and prices as data through
 * {@code /admin/v1}, each taking effect on the next request without a restart, operator roles, and the audit log.
 */
class OperatorConsoleIT {

    @TempDir
    static Path data;
    static LocalStack stack;
    static byte[] png;
    /** The account id of each API key the tests created. */
    static final Map<String, String> ACCOUNT_IDS = new ConcurrentHashMap<>();

    @BeforeAll
    static void startStack() {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        stack = LocalStack.start(StackConfig.ephemeral(home, data).with(Map.of()));
        png = TestImages.gradient("png", 640, 480);
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Sora's Plus and Pro and Hailuo's free and member tiers, created through the API, each govern their accounts. */
    @Test
    void soraAndHailuoTiersAreExpressibleAsPlansAndGovernTheirAccounts() {
        String suffix = suffix();
        String soraPlus = createPlan("sora-plus-" + suffix, 2, 0, false, 720, 10, List.of("standard", "relaxed"), 0, 0, 1000, 1);
        String soraPro = createPlan("sora-pro-" + suffix, 5, 20, false, 1080, 10, List.of("priority", "standard", "relaxed"),
                0, 0, 10000, 4);
        String hailuoFree = createPlan("hailuo-free-" + suffix, 1, 2, true, 768, 6, List.of("standard"), 1000, 100, 0, 1);
        String hailuoMember = createPlan("hailuo-member-" + suffix, 3, 10, false, 1080, 10,
                List.of("priority", "standard"), 0, 0, 3000, 2);

        String plus = newAccount(soraPlus);
        String pro = newAccount(soraPro);
        String free = newAccount(hailuoFree);
        String member = newAccount(hailuoMember);

        assertCredits(plus, soraPlus, 1000, 2, false);
        assertCredits(pro, soraPro, 10000, 5, false);
        assertCredits(free, hailuoFree, 1000, 1, true);
        assertCredits(member, hailuoMember, 3000, 3, false);

        assertRefused(quote(plus, 6, "1080P", "standard"), "plan_limit", "720P");
        assertRefused(quote(plus, 6, "720P", "priority"), "plan_limit", "priority");
        assertThat(quote(plus, 10, "720P", "relaxed").json().get("rule").asString()).isEqualTo("free_lane");
        assertThat(quote(pro, 10, "1080P", "priority").json().get("cost").asLong()).isEqualTo(100);
        assertRefused(quote(free, 10, "768P", "standard"), "plan_limit", "6 s");
        assertRefused(quote(free, 6, "1080P", "standard"), "plan_limit", "768P");
        assertThat(quote(member, 10, "1080P", "priority").status()).isEqualTo(200);
        assertRefused(quote(member, 6, "768P", "relaxed"), "plan_limit", "relaxed");
    }

    @Test
    void aPlanEditChangesTheNextSubmitsLimitsWithoutARestartAndIsAudited() throws Exception {
        String plan = createPlan("member-" + suffix(), 3, 0, false, 768, 6, List.of("standard"), 1000, 0, 0, 1);
        String key = newAccount(plan);

        ApiCall.Reply refused = submit(key, 10);
        assertRefused(refused, "plan_limit", "6 s");

        JsonNode edited = admin("PUT", "/admin/v1/plans/" + plan, terms(plan, 3, 0, false, 768, 10, List.of("standard"),
                1000, 0, 0, 1)).json();
        assertThat(edited.get("max_duration_seconds").asInt()).as(edited.toString()).isEqualTo(10);

        ApiCall.Reply accepted = submit(key, 10);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().get("cost").asLong()).isEqualTo(50);
        JsonNode done = new StackClient(stack).awaitTerminal(key, accepted.json().get("id").asString(), Duration.ofMinutes(2));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");

        JsonNode entries = admin("GET", "/admin/v1/audit-log?target=plan:" + plan, null).json().get("data");
        assertThat(entries).extracting(e -> e.get("action").asString()).containsExactly("plan.edit", "plan.create");
        JsonNode edit = entries.get(0);
        assertThat(edit.get("operator").asString()).isEqualTo("admin");
        assertThat(edit.get("before").get("max_duration_seconds").asInt()).isEqualTo(6);
        assertThat(edit.get("after").get("max_duration_seconds").asInt()).isEqualTo(10);
    }

    @Test
    void aPriceRowPricesTheNextQuoteButNotAJobAlreadyHoldingItsPoints() throws Exception {
        String key = newAccount(steadyPlan());
        ApiCall.Reply held = submit(key, 6);
        assertThat(held.status()).as(held.toString()).isEqualTo(202);
        assertThat(held.json().get("cost").asLong()).isEqualTo(30);
        String resolution = held.json().get("resolution").asString();

        ApiCall.Reply row = admin("PUT", "/admin/v1/prices/local/6/" + resolution + "/standard", "{\"points\":45}");
        assertThat(row.status()).as(row.toString()).isEqualTo(200);
        try {
            JsonNode quote = quote(key, 6, resolution, "standard").json();
            assertThat(quote.get("cost").asLong()).isEqualTo(45);
            assertThat(quote.get("rule").asString()).isEqualTo("price_table");

            JsonNode done = new StackClient(stack).awaitTerminal(key, held.json().get("id").asString(), Duration.ofMinutes(2));
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.get("cost").asLong()).as("the held job keeps its price").isEqualTo(30);
            JsonNode credits = ApiCall.to(stack, "GET", "/v1/credits").key(key).send().json();
            assertThat(credits.get("balance").asLong()).isEqualTo(1000 + 1000 - 30);

            JsonNode audit = admin("GET", "/admin/v1/audit-log?action=price.set", null).json().get("data").get(0);
            assertThat(audit.get("target").asString()).isEqualTo("price:local/6/" + resolution + "/standard");
            assertThat(audit.get("before").isNull()).as("a new row has nothing before it").isTrue();
            assertThat(audit.get("after").get("points").asLong()).isEqualTo(45);
        } finally {
            admin("DELETE", "/admin/v1/prices/local/6/" + resolution + "/standard", null);
        }
        assertThat(quote(key, 6, resolution, "standard").json().get("cost").asLong()).isEqualTo(30);
    }

    @Test
    void anOperatorFindsAnAccountSeesAJobsWholeRecordAndRefundsItOnce() throws Exception {
        String key = newAccount(steadyPlan());
        String accountId = ACCOUNT_IDS.get(key);
        String label = "ana-" + suffix() + "@example.com";
        JsonNode issued = admin("POST", "/admin/v1/accounts/" + accountId + "/keys", "{\"label\":\"" + label + "\"}").json();

        assertThat(admin("GET", "/admin/v1/accounts?label=" + label.substring(0, 12).toUpperCase(), null).json()
                .get("account_ids").toString()).contains(accountId);
        assertThat(admin("GET", "/admin/v1/accounts?key_prefix=" + issued.get("prefix").asString(), null).json()
                .get("account_ids").toString()).contains(accountId);
        assertThat(admin("GET", "/admin/v1/accounts/" + accountId + "/keys", null).json().get("data")).hasSize(2);

        String id = submit(key, 6).json().get("id").asString();
        JsonNode done = new StackClient(stack).awaitTerminal(key, id, Duration.ofMinutes(2));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");

        JsonNode found = admin("GET", "/admin/v1/jobs?account_id=" + accountId + "&status=succeeded&model=local", null).json();
        assertThat(found.get("data")).extracting(j -> j.get("id").asString()).containsExactly(id);
        JsonNode record = admin("GET", "/admin/v1/jobs/" + id, null).json();
        assertThat(record.get("record").get("transitions")).extracting(t -> t.get("to").asString())
                .containsSubsequence("queued", "running", "succeeded");
        assertThat(record.get("record").get("worker_id").asString()).isNotBlank();
        assertThat(record.get("points")).extracting(p -> p.get("kind").asString()).containsExactly("hold", "capture");
        JsonNode usage = admin("GET", "/admin/v1/accounts/" + accountId + "/usage", null).json();
        // summed over the days: a run across midnight (the account's time zone is UTC) spreads them over two
        assertThat(stream(usage.get("days")).mapToLong(d -> d.get("jobs").asLong()).sum()).isEqualTo(1);
        assertThat(stream(usage.get("days")).mapToLong(d -> d.get("succeeded").asLong()).sum()).isEqualTo(1);
        assertThat(stream(usage.get("days")).mapToLong(d -> d.get("points_spent").asLong()).sum()).isEqualTo(30);
        assertThat(usage.get("open_holds")).as("nothing in flight").isEmpty();

        ApiCall.Reply refund = admin("POST", "/admin/v1/jobs/" + id + "/refund", "{\"reason\":\"the clip froze\"}");
        ApiCall.Reply again = admin("POST", "/admin/v1/jobs/" + id + "/refund", "{\"reason\":\"clicked twice\"}");
        ApiCall.Reply noReason = admin("POST", "/admin/v1/jobs/" + id + "/refund", "{}");

        assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
        assertThat(refund.json().get("points").asLong()).isEqualTo(30);
        assertRefused(again, "already_refunded", id);
        assertThat(noReason.status()).isEqualTo(400);
        JsonNode credits = ApiCall.to(stack, "GET", "/v1/credits").key(key).send().json();
        assertThat(credits.get("balance").asLong()).as("charged 30, refunded 30 once").isEqualTo(1000 + 1000);
        JsonNode actions = admin("GET", "/admin/v1/jobs/" + id, null).json().get("actions");
        assertThat(actions).extracting(a -> a.get("action").asString()).containsExactly("job.refund");
        assertThat(actions.get(0).get("reason").asString()).isEqualTo("the clip froze");
        assertThat(actions.get(0).get("after").get("balance").asLong()).isEqualTo(2000);
    }

    /**
     * A job that failed in a provider outage is requeued by an operator once the outage is over: a new job with the
     * same inputs, held and charged like a submit, succeeds; the failed job stays failed with its hold released, so
     * the account pays once, for the video it got. A second requeue and a requeue of a job that did not fail are
     * refused. (The {@code instant} test model's {@code fail-until:} prompt fails its jobs until a given time.)
     */
    @Test
    void aFailedJobIsRequeuedOnceAsANewJobChargedOnlyForItsVideo() throws Exception {
        String key = newAccount(steadyPlan());
        long outageEnds = System.currentTimeMillis() + 15_000;
        String failedId = submit(key, "instant", "a slow zoom fail-until:" + outageEnds + ":provider_unavailable")
                .json().get("id").asString();
        JsonNode failed = new StackClient(stack).awaitTerminal(key, failedId, Duration.ofMinutes(1));
        assertThat(failed.get("status").asString()).as("the job must run within the 15 s outage: " + failed)
                .isEqualTo("failed");
        JsonNode health = stream(admin("GET", "/admin/v1/overview", null).json().get("models"))
                .filter(m -> m.get("model").asString().equals("instant")).findFirst().orElseThrow();
        assertThat(health.get("recent_failed").asLong()).as(health.toString()).isPositive();
        Thread.sleep(Math.max(0, outageEnds - System.currentTimeMillis()) + 500);

        ApiCall.Reply noReason = admin("POST", "/admin/v1/jobs/" + failedId + "/requeue", "{}");
        ApiCall.Reply requeue = admin("POST", "/admin/v1/jobs/" + failedId + "/requeue", "{\"reason\":\"outage over\"}");
        ApiCall.Reply again = admin("POST", "/admin/v1/jobs/" + failedId + "/requeue", "{\"reason\":\"clicked twice\"}");
        assertThat(requeue.status()).as(requeue.toString()).isEqualTo(201);
        String newId = requeue.json().get("id").asString();
        JsonNode done = new StackClient(stack).awaitTerminal(key, newId, Duration.ofMinutes(1));
        ApiCall.Reply notFailed = admin("POST", "/admin/v1/jobs/" + newId + "/requeue", "{\"reason\":\"why not\"}");

        assertThat(noReason.status()).as(noReason.toString()).isEqualTo(400);
        assertThat(requeue.json().get("cost").asLong()).isEqualTo(30);
        assertThat(requeue.json().get("prompt").asString()).isEqualTo(failed.get("prompt").asString());
        assertRefused(again, "already_requeued", newId);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
        assertRefused(notFailed, "job_not_requeueable", "succeeded");
        JsonNode credits = ApiCall.to(stack, "GET", "/v1/credits").key(key).send().json();
        assertThat(credits.get("balance").asLong()).as("charged once, for the video").isEqualTo(2000 - 30);
        JsonNode old = admin("GET", "/admin/v1/jobs/" + failedId, null).json();
        assertThat(old.get("record").get("job").get("status").asString()).isEqualTo("failed");
        assertThat(old.get("record").get("requeued_as").asString()).isEqualTo(newId);
        assertThat(old.get("points")).extracting(p -> p.get("kind").asString()).containsExactly("hold", "release");
        assertThat(old.get("actions")).extracting(a -> a.get("action").asString()).containsExactly("job.requeue");
        assertThat(old.get("actions").get(0).get("after").get("requeued_as").asString()).isEqualTo(newId);
        JsonNode fresh = admin("GET", "/admin/v1/jobs/" + newId, null).json();
        assertThat(fresh.get("record").get("requeued_from").asString()).isEqualTo(failedId);
        assertThat(fresh.get("points")).extracting(p -> p.get("kind").asString()).containsExactly("hold", "capture");
        assertThat(ApiCall.to(stack, "GET", "/v1/videos").key(key).send().json().get("data"))
                .extracting(j -> j.get("id").asString()).as("the owner sees both, newest first")
                .containsExactly(newId, failedId);
    }

    /**
     * A model paused to refuse answers 503 and holds nothing while its running job finishes; paused to queue, it takes
     * submits that wait unstarted until it is resumed. (The {@code instant} test model with {@code sleep:} runs long
     * enough to be seen running.)
     */
    @Test
    void aPausedModelRefusesOrHoldsNewSubmitsWhileItsRunningJobFinishes() throws Exception {
        String key = newAccount(steadyPlan());
        StackClient client = new StackClient(stack);
        String running = submit(key, "instant", "sleep:8 a long one").json().get("id").asString();
        awaitStatus(key, running, "running");
        try {
            ApiCall.Reply paused = admin("PUT", "/admin/v1/pauses/model/instant",
                    "{\"mode\":\"refuse\",\"reason\":\"provider incident\"}");
            assertThat(paused.status()).as(paused.toString()).isEqualTo(200);

            ApiCall.Reply refused = submit(key, "instant", "refused");
            assertRefused(refused, "model_paused", "provider incident");
            assertThat(refused.status()).isEqualTo(503);
            JsonNode credits = ApiCall.to(stack, "GET", "/v1/credits").key(key).send().json();
            assertThat(credits.get("balance").asLong()).as("only the running job's points are held").isEqualTo(2000 - 30);
            assertThat(client.awaitTerminal(key, running, Duration.ofMinutes(1)).get("status").asString())
                    .as("the running job finishes").isEqualTo("succeeded");

            admin("PUT", "/admin/v1/pauses/model/instant", "{\"mode\":\"queue\",\"reason\":\"provider incident\"}");
            ApiCall.Reply held = submit(key, "instant", "waits");
            assertThat(held.status()).as(held.toString()).isEqualTo(202);
            String waiting = held.json().get("id").asString();
            Thread.sleep(4_000); // several scheduler passes
            JsonNode record = admin("GET", "/admin/v1/jobs/" + waiting, null).json().get("record");
            assertThat(record.get("job").get("status").asString()).as(record.toString()).isEqualTo("queued");
            assertThat(record.get("admitted_at").isNull()).as("not admitted while paused").isTrue();
        } finally {
            admin("DELETE", "/admin/v1/pauses/model/instant?reason=over", null);
        }
        JsonNode jobs = admin("GET", "/admin/v1/jobs?account_id=" + ACCOUNT_IDS.get(key) + "&status=queued", null).json();
        for (JsonNode job : jobs.get("data")) {
            assertThat(client.awaitTerminal(key, job.get("id").asString(), Duration.ofMinutes(1)).get("status")
                    .asString()).as("resumed").isEqualTo("succeeded");
        }
        assertThat(jobs.get("data")).hasSize(1);
        assertThat(admin("GET", "/admin/v1/audit-log?target=model:instant", null).json().get("data"))
                .filteredOn(e -> e.get("reason").isString() && e.get("reason").asString().matches("provider incident|over"))
                .extracting(e -> e.get("action").asString()).containsExactly("resume", "pause", "pause");
        assertThat(admin("GET", "/admin/v1/pauses", null).json().get("data")).isEmpty();
    }

    /**
     * The operator page in headless Chromium: a support token sees and cannot change; the admin token creates a plan,
     * sets a price, pauses a model and watches a submit wait in the queue, finds an account by its key's label,
     * refunds its job and reads it all back in the audit log. Screenshots go to {@code target/screenshots/}.
     */
    @Test
    void theOperatorPageShowsTheQueuesAndActsOnPlansPricesPausesAccountsAndJobs() throws Exception {
        String key = newAccount(steadyPlan());
        String accountId = ACCOUNT_IDS.get(key);
        String label = "page-" + suffix() + "@example.com";
        admin("POST", "/admin/v1/accounts/" + accountId + "/keys", "{\"label\":\"" + label + "\"}");
        String done = submit(key, 6).json().get("id").asString();
        String broken = submit(key, "instant", "fail:provider_unavailable").json().get("id").asString();
        new StackClient(stack).awaitTerminal(key, done, Duration.ofMinutes(2));
        new StackClient(stack).awaitTerminal(key, broken, Duration.ofMinutes(1));
        String plan = "page-plan-" + suffix();
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        try (Browser browser = Browser.start(home.resolve("local-stack/target/screenshots"))) {
            String page = stack.config().gatewayUrl() + "/admin";
            browser.open(page);
            browser.find("#token").sendKeys("not-a-token-0123456789abcdefgh");
            browser.click("#sign-in-form button[type=submit]");
            browser.awaitText("#sign-in-message", "not accepted");

            browser.find("#token").clear();
            browser.find("#token").sendKeys(stack.supportToken());
            browser.click("#sign-in-form button[type=submit]");
            browser.awaitText("#operator", "support (support)");
            browser.click(".tabs button[data-tab=plans]");
            browser.awaitVisible("#plan-table tr[data-plan=free]");
            assertThat(browser.find("#plan-editor").isDisplayed()).as("support sees no plan editor").isFalse();
            browser.screenshot("admin-01-support-plans");
            browser.click("#sign-out");

            browser.find("#token").clear();
            browser.find("#token").sendKeys(stack.adminToken());
            browser.click("#sign-in-form button[type=submit]");
            browser.awaitText("#operator", "admin (admin)");

            browser.click(".tabs button[data-tab=plans]");
            browser.find("#plan-code").sendKeys(plan);
            browser.find("#plan-lanes").clear();
            browser.find("#plan-lanes").sendKeys("standard,relaxed");
            browser.click("#plan-save");
            browser.awaitText("#console-message", "created");
            browser.awaitVisible("#plan-table tr[data-plan=" + plan + "]");
            assertThat(admin("GET", "/admin/v1/plans/" + plan, null).json().get("lanes").toString()).contains("relaxed");

            browser.click(".tabs button[data-tab=prices]");
            browser.find("#price-model").sendKeys("local");
            browser.find("#price-points").sendKeys("33");
            browser.click("#price-form button[type=submit]");
            browser.awaitText("#price-table tbody", "33");

            browser.click(".tabs button[data-tab=models]");
            browser.awaitText("#model-catalogue tr[data-model=local]", "ken-burns");
            browser.awaitText("#model-catalogue tr[data-model=kling-v2-1]", "kling");

            browser.click(".tabs button[data-tab=pauses]");
            browser.find("#pause-name").sendKeys("instant");
            browser.find("#pause-reason").sendKeys("page test");
            browser.click("#pause-form button[type=submit]");
            browser.awaitVisible("#pause-table tr[data-pause='model:instant']");
            String waiting = submit(key, "instant", "waits for the page").json().get("id").asString();
            browser.click(".tabs button[data-tab=overview]");
            browser.awaitText("#model-table tr[data-model=instant]", "instant 1 0");
            browser.awaitText("#model-table tr[data-model=instant]", "provider_unavailable");
            browser.awaitVisible("#model-table tr[data-model=instant][data-failing=true]");
            browser.awaitText("#overview-pauses", "page test");
            browser.screenshot("admin-02-overview-paused");
            browser.click(".tabs button[data-tab=pauses]");
            browser.click("#pause-table tr[data-pause='model:instant'] button");
            browser.awaitText("#console-message", "Resumed");
            assertThat(new StackClient(stack).awaitTerminal(key, waiting, Duration.ofMinutes(1)).get("status").asString())
                    .isEqualTo("succeeded");
            String running = submit(key, "instant", "sleep:20 a long one").json().get("id").asString();
            awaitStatus(key, running, "running");
            browser.click(".tabs button[data-tab=overview]");
            browser.awaitVisible("#running-table tr[data-id='" + running + "']");
            browser.click("#running-table tr[data-id='" + running + "'] button");
            browser.awaitText("#job-id", running);
            admin("POST", "/admin/v1/jobs/" + running + "/cancel", "{\"reason\":\"seen running\"}");

            browser.click(".tabs button[data-tab=accounts]");
            browser.select("#account-by", "label");
            browser.find("#account-query").sendKeys(label);
            browser.click("#account-search button[type=submit]");
            browser.awaitText("#account-id", accountId);
            browser.awaitText("#account-plan", steadyPlan());
            browser.awaitVisible("#account-usage tbody tr");
            browser.click("#account-jobs");
            browser.awaitVisible("#job-table tr[data-id='" + done + "']");
            browser.click("#job-table tr[data-id='" + done + "'] button");
            browser.awaitText("#job-facts", "succeeded");
            browser.find("#job-reason").sendKeys("refund from the page");
            browser.click("#job-refund");
            browser.awaitText("#console-message", "Refunded");
            browser.awaitText("#job-actions", "job.refund by admin");
            browser.screenshotWholePage("admin-03-job-refunded");
            browser.click("#job-table tr[data-id='" + broken + "'] button");
            browser.awaitText("#job-facts", "provider_unavailable");
            browser.find("#job-reason").clear();
            browser.find("#job-reason").sendKeys("requeue from the page");
            browser.click("#job-requeue");
            browser.awaitText("#console-message", "Requeued");
            browser.awaitText("#job-facts", broken); // the new job's record names the failed one

            browser.click(".tabs button[data-tab=audit]");
            browser.awaitVisible("#audit-table tr[data-action='job.refund']");
            browser.awaitVisible("#audit-table tr[data-action='job.requeue']");
            browser.awaitVisible("#audit-table tr[data-action='plan.create']");
            browser.awaitVisible("#audit-table tr[data-action='price.set']");
            browser.awaitVisible("#audit-table tr[data-action='resume']");
            browser.screenshot("admin-04-audit-log");
        } finally {
            admin("DELETE", "/admin/v1/pauses/model/instant", null);
            admin("DELETE", "/admin/v1/prices/local/6/768P/standard", null);
        }
    }

    private static void awaitStatus(String key, String id, String status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = ApiCall.to(stack, "GET", "/v1/videos/" + id).key(key).send().json().get("status").asString();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " never became " + status + " (last seen " + seen + ")");
    }

    /**
     * The catalogue as data: a 20 s duration added to the built-in model is offered and rendered at once, no restart;
     * a disabled model is refused and offered as unavailable.
     */
    @Test
    void aNewDurationInTheCatalogueIsAcceptedByGatewayAndWorkersWithoutARestart() throws Exception {
        String plan = createPlan("long-" + suffix(), 3, 0, false, 768, 20, List.of("standard"), 1000, 0, 0, 1);
        String key = newAccount(plan);
        assertRefused(submit(key, 20), "unsupported_option", "offers durations [6, 10]");
        JsonNode local = stream(admin("GET", "/admin/v1/models", null).json().get("data"))
                .filter(m -> m.get("id").asString().equals("local")).findFirst().orElseThrow();
        assertThat(local.get("updated_by").asString()).as("seeded from the compiled catalogue").isEqualTo("catalogue");
        try {
            ApiCall.Reply edited = admin("PUT", "/admin/v1/models/local", """
                    {"provider":"local","provider_model":"ken-burns","durations":[6,10,20],
                     "resolutions":["512P","720P","768P","1080P"],"prompt_optimizer":false,"enabled":true}""");
            assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
            assertThat(edited.json().get("updated_by").asString()).isEqualTo("admin");

            JsonNode offered = stream(ApiCall.to(stack, "GET", "/v1/models").key(key).send().json().get("data"))
                    .filter(m -> m.get("id").asString().equals("local")).findFirst().orElseThrow();
            assertThat(offered.get("durations").toString()).isEqualTo("[6,10,20]");
            ApiCall.Reply accepted = submit(key, 20);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            assertThat(accepted.json().get("cost").asLong()).isEqualTo(100);
            JsonNode done = new StackClient(stack).awaitTerminal(key, accepted.json().get("id").asString(),
                    Duration.ofMinutes(3));
            assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("succeeded");
            assertThat(done.get("output").get("duration").asDouble()).as("the worker rendered 20 s").isBetween(19.9, 20.1);

            admin("PUT", "/admin/v1/models/local", """
                    {"provider":"local","provider_model":"ken-burns","durations":[6,10,20],
                     "resolutions":["512P","720P","768P","1080P"],"enabled":false}""");
            assertThat(submit(key, 6).status()).as("a disabled model is not offered").isEqualTo(422);
            JsonNode audit = admin("GET", "/admin/v1/audit-log?target=model:local", null).json().get("data");
            assertThat(audit).extracting(e -> e.get("action").asString()).containsExactly("model.edit", "model.edit");
            assertThat(audit.get(1).get("before").get("durations").toString()).isEqualTo("[6,10]");
        } finally {
            admin("PUT", "/admin/v1/models/local", """
                    {"provider":"local","provider_model":"ken-burns","durations":[6,10],
                     "resolutions":["512P","720P","768P","1080P"],"enabled":true}""");
        }
        assertThat(submit(key, 6).status()).as("enabled again").isEqualTo(202);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }

    @Test
    void aRetiredPlanKeepsItsAccountsAndTakesNoNewOnes() {
        String plan = createPlan("legacy-" + suffix(), 3, 0, true, 768, 10, List.of("standard"), 1000, 0, 0, 1);
        String kept = newAccount(plan);

        assertThat(admin("POST", "/admin/v1/plans/" + plan + "/retire", null).json().get("retired_at").isNull()).isFalse();

        assertRefused(admin("POST", "/admin/v1/accounts", "{\"plan\":\"" + plan + "\"}"), "plan_retired", plan);
        assertThat(quote(kept, 6, "768P", "standard").status()).as("its accounts keep it").isEqualTo(200);
        assertThat(admin("GET", "/admin/v1/plans/" + plan, null).json().get("accounts").asLong()).isEqualTo(1);
    }

    @Test
    void theSupportRoleReadsEverythingAndChangesNothing() {
        String plan = createPlan("support-" + suffix(), 3, 0, true, 768, 10, List.of("standard"), 1000, 0, 0, 1);

        ApiCall.Reply plans = ApiCall.to(stack, "GET", "/admin/v1/plans").key(stack.supportToken()).send();
        ApiCall.Reply audit = ApiCall.to(stack, "GET", "/admin/v1/audit-log").key(stack.supportToken()).send();
        ApiCall.Reply edit = ApiCall.to(stack, "PUT", "/admin/v1/plans/" + plan).key(stack.supportToken())
                .json(terms(plan, 9, 0, true, 768, 10, List.of("standard"), 1000, 0, 0, 1)).send();
        ApiCall.Reply account = ApiCall.to(stack, "POST", "/admin/v1/accounts").key(stack.supportToken())
                .json("{\"plan\":\"free\"}").send();

        assertThat(plans.status()).isEqualTo(200);
        assertThat(plans.json().get("data").toString()).contains(plan);
        assertThat(audit.status()).isEqualTo(200);
        assertRefused(edit, "forbidden", "support");
        assertRefused(account, "forbidden", "support");
        assertThat(admin("GET", "/admin/v1/plans/" + plan, null).json().get("parallel_jobs").asInt()).isEqualTo(3);
    }

    /**
     * The standard plan's rules without its daily grant: the balances these tests check must not gain 100 points
     * because a run crossed midnight (a new day's first request brings the daily grant).
     */
    private static synchronized String steadyPlan() {
        if (steadyPlan == null) {
            steadyPlan = createPlan("steady-" + suffix(), 5, 20, false, 1080, 10, List.of("standard", "priority"),
                    1000, 0, 1000, 2);
        }
        return steadyPlan;
    }

    private static String steadyPlan;

    private static String createPlan(String code, int parallel, int queued, boolean watermark, int resolution,
                                     int duration, List<String> lanes, long signup, long daily, long monthly, int weight) {
        ApiCall.Reply created = admin("POST", "/admin/v1/plans", terms(code, parallel, queued, watermark, resolution,
                duration, lanes, signup, daily, monthly, weight));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return code;
    }

    private static String terms(String code, int parallel, int queued, boolean watermark, int resolution, int duration,
                                List<String> lanes, long signup, long daily, long monthly, int weight) {
        return """
                {"code":"%s","parallel_jobs":%d,"queued_jobs":%d,"watermark":%s,"max_resolution_p":%d,
                 "max_duration_seconds":%d,"lanes":[%s],"signup_grant":%d,"daily_grant":%d,"monthly_grant":%d,
                 "turn_weight":%d}""".formatted(code, parallel, queued, watermark, resolution, duration,
                String.join(",", lanes.stream().map(l -> "\"" + l + "\"").toList()), signup, daily, monthly, weight);
    }

    private static String newAccount(String plan) {
        ApiCall.Reply created = admin("POST", "/admin/v1/accounts", "{\"plan\":\"" + plan + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        ACCOUNT_IDS.put(created.json().get("api_key").asString(), created.json().get("account_id").asString());
        return created.json().get("api_key").asString();
    }

    private static void assertCredits(String key, String plan, long balance, int parallel, boolean watermark) {
        JsonNode credits = ApiCall.to(stack, "GET", "/v1/credits").key(key).send().json();
        assertThat(credits.get("plan").asString()).as(credits.toString()).isEqualTo(plan);
        assertThat(credits.get("balance").asLong()).as(plan).isEqualTo(balance);
        assertThat(credits.get("concurrency").get("limit").asInt()).as(plan).isEqualTo(parallel);
        JsonNode account = admin("GET", "/admin/v1/accounts/" + ACCOUNT_IDS.get(key), null).json();
        assertThat(account.get("watermark").asBoolean()).as(account.toString()).isEqualTo(watermark);
    }

    private static ApiCall.Reply quote(String key, int duration, String resolution, String lane) {
        return ApiCall.to(stack, "POST", "/v1/videos/quote").key(key).json("""
                {"prompt":"a slow zoom","duration":%d,"resolution":"%s","lane":"%s"}""".formatted(duration, resolution, lane))
                .send();
    }

    private static ApiCall.Reply submit(String key, String model, String prompt) {
        return ApiCall.to(stack, "POST", "/v1/videos").key(key).form(new Multipart().field("prompt", prompt)
                .field("model", model).file("image", "cat.png", "image/png", png)).send();
    }

    private static ApiCall.Reply submit(String key, int duration) {
        return ApiCall.to(stack, "POST", "/v1/videos").key(key).form(new Multipart().field("prompt", "a slow zoom in")
                .field("duration", Integer.toString(duration)).file("image", "cat.png", "image/png", png)).send();
    }

    private static void assertRefused(ApiCall.Reply reply, String code, String detail) {
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
        assertThat(reply.code()).as(reply.toString()).isEqualTo(code);
        assertThat(reply.json().get("detail").asString()).as(reply.toString()).contains(detail);
    }

    private static ApiCall.Reply admin(String method, String path, String json) {
        ApiCall call = ApiCall.to(stack, method, path).key(stack.adminToken());
        return (json == null ? call : call.json(json)).send();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
