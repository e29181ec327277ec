package dev.i2v.credits.plans;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsITBase;
import dev.i2v.infra.TestServers;

/** Plans and prices edited through the internal API take effect on the next request; a held price stays. */
class PlansAndPricesIT extends CreditsITBase {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    @Test
    void aCreatedPlanGovernsItsAccountsAndAnEditAppliesToTheNextRequest() {
        String code = "member-" + suffix();
        JsonNode created = call(HttpMethod.POST, "/internal/plans", """
                {"code":"%s","parallel_jobs":1,"queued_jobs":0,"turn_weight":2,"watermark":false,
                 "max_resolution_p":1080,"max_duration_seconds":10,"lanes":["standard","relaxed"],
                 "signup_grant":300,"daily_grant":0,"monthly_grant":0}""".formatted(code));
        assertThat(created.get("code").asString()).as(created.toString()).isEqualTo(code);
        assertThat(created.get("accounts").asLong()).isZero();

        UUID account = open(code);
        assertThat(credits(account).get("balance").asLong()).isEqualTo(300);
        JsonNode first = hold(account, 6);
        assertThat(first.get("amount").asLong()).as(first.toString()).isEqualTo(30);
        assertThat(hold(account, 6).get("code").asString()).isEqualTo("concurrency_limit");

        JsonNode edited = call(HttpMethod.PUT, "/internal/plans/" + code, """
                {"parallel_jobs":2,"watermark":true,"max_resolution_p":768,"max_duration_seconds":20,
                 "lanes":["standard"],"signup_grant":300}""");
        assertThat(edited.get("parallel_jobs").asInt()).isEqualTo(2);
        assertThat(edited.get("accounts").asLong()).isEqualTo(1);
        assertThat(hold(account, 20).get("amount").asLong()).as("a 20 s clip is allowed after the edit").isEqualTo(100);
        assertThat(call(HttpMethod.GET, "/internal/accounts/" + account + "/entitlements", null)
                .get("watermark").asBoolean()).isTrue();
    }

    @Test
    void aRetiredPlanKeepsItsAccountsAndTakesNoNewOnes() {
        String code = "old-" + suffix();
        call(HttpMethod.POST, "/internal/plans", plan(code));
        UUID kept = open(code);

        JsonNode retired = call(HttpMethod.POST, "/internal/plans/" + code + "/retire", null);
        assertThat(retired.get("retired_at").isNull()).isFalse();

        JsonNode refused = call(HttpMethod.POST, "/internal/accounts",
                "{\"account_id\":\"" + UUID.randomUUID() + "\",\"plan\":\"" + code + "\"}");
        assertThat(refused.get("status").asInt()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.get("code").asString()).isEqualTo("plan_retired");
        UUID other = open("free");
        JsonNode move = call(HttpMethod.PUT, "/internal/accounts/" + other + "/plan", "{\"plan\":\"" + code + "\"}");
        assertThat(move.get("code").asString()).isEqualTo("plan_retired");
        assertThat(credits(kept).get("plan").asString()).isEqualTo(code);
        assertThat(hold(kept, 6).get("amount").asLong()).as("its accounts still submit").isEqualTo(30);

        call(HttpMethod.POST, "/internal/plans/" + code + "/restore", null);
        assertThat(call(HttpMethod.PUT, "/internal/accounts/" + other + "/plan", "{\"plan\":\"" + code + "\"}")
                .get("plan").asString()).isEqualTo(code);
    }

    @Test
    void badPlansAreRefusedAndChangeNothing() {
        String code = "bad-" + suffix();
        JsonNode noLanes = call(HttpMethod.POST, "/internal/plans", plan(code).replace("[\"standard\"]", "[]"));
        JsonNode badLane = call(HttpMethod.POST, "/internal/plans", plan(code).replace("\"standard\"", "\"turbo\""));
        JsonNode zero = call(HttpMethod.POST, "/internal/plans", plan(code).replace("\"parallel_jobs\":3", "\"parallel_jobs\":0"));
        JsonNode badCode = call(HttpMethod.POST, "/internal/plans", plan("Bad Code"));
        for (JsonNode refused : new JsonNode[] {noLanes, badLane, zero, badCode}) {
            assertThat(refused.get("status").asInt()).as(refused.toString()).isEqualTo(400);
        }
        assertThat(call(HttpMethod.GET, "/internal/plans/" + code, null).get("code").asString()).isEqualTo("plan_not_found");
        assertThat(call(HttpMethod.POST, "/internal/plans", plan("free")).get("code").asString()).isEqualTo("plan_exists");
    }

    @Test
    void aPriceRowPricesTheNextQuoteAndHoldButNotAHoldAlreadyPlaced() {
        UUID account = open("pro");
        JsonNode before = quote(account, 10, "1080P");
        assertThat(before.get("cost").asLong()).isEqualTo(100);
        assertThat(before.get("rule").asString()).isEqualTo("per_second");
        JsonNode held = hold(account, 10, "1080P");

        JsonNode row = call(HttpMethod.PUT, "/internal/prices/kling-v2-1/10/1080P/standard", "{\"points\":140}");
        assertThat(row.get("points").asLong()).as(row.toString()).isEqualTo(140);
        JsonNode after = quote(account, 10, "1080P");
        assertThat(after.get("cost").asLong()).isEqualTo(140);
        assertThat(after.get("rule").asString()).isEqualTo("price_table");
        assertThat(after.get("rule_detail").asString()).contains("kling-v2-1", "10 s", "1080P");
        assertThat(quote(account, 10, "720P").get("rule").asString()).as("another resolution").isEqualTo("per_second");

        JsonNode captured = call(HttpMethod.POST, "/internal/holds/" + held.get("job_id").asString() + "/capture", null);
        assertThat(captured.get("amount").asLong()).as("the held job keeps its price: " + captured).isEqualTo(100);

        assertThat(call(HttpMethod.DELETE, "/internal/prices/kling-v2-1/10/1080P/standard", null)).isNull();
        assertThat(quote(account, 10, "1080P").get("cost").asLong()).isEqualTo(100);
    }

    @Test
    void badPriceRowsAreRefused() {
        assertThat(call(HttpMethod.PUT, "/internal/prices/no-such-model/6/768P/standard", "{\"points\":1}")
                .get("status").asInt()).isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/internal/prices/local/6/huge/standard", "{\"points\":1}")
                .get("status").asInt()).isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/internal/prices/local/6/768P/turbo", "{\"points\":1}")
                .get("status").asInt()).isEqualTo(400);
        assertThat(call(HttpMethod.PUT, "/internal/prices/local/6/768P/standard", "{\"points\":-5}")
                .get("status").asInt()).isEqualTo(400);
        assertThat(call(HttpMethod.DELETE, "/internal/prices/local/7/768P/standard", null)
                .get("code").asString()).isEqualTo("price_not_found");
        assertThat(call(HttpMethod.GET, "/internal/prices", null).get("data").toString()).doesNotContain("\"duration_seconds\":7");
    }

    private static String plan(String code) {
        return """
                {"code":"%s","parallel_jobs":3,"watermark":true,"max_resolution_p":768,"max_duration_seconds":10,
                 "lanes":["standard"],"signup_grant":1000,"daily_grant":100}""".formatted(code);
    }

    private UUID open(String plan) {
        UUID account = UUID.randomUUID();
        JsonNode opened = call(HttpMethod.POST, "/internal/accounts", "{\"account_id\":\"" + account + "\",\"plan\":\"" + plan + "\"}");
        assertThat(opened.get("plan").asString()).as(opened.toString()).isEqualTo(plan);
        return account;
    }

    private JsonNode credits(UUID account) {
        return call(HttpMethod.GET, "/internal/accounts/" + account + "/credits", null);
    }

    private JsonNode quote(UUID account, int duration, String resolution) {
        return call(HttpMethod.POST, "/internal/quotes", json.writeValueAsString(
                new CreditsApi.QuoteRequest(account, "kling-v2-1", duration, resolution, Lane.STANDARD)));
    }

    private JsonNode hold(UUID account, int duration) {
        return hold(account, duration, "768P");
    }

    private JsonNode hold(UUID account, int duration, String resolution) {
        return call(HttpMethod.POST, "/internal/holds", json.writeValueAsString(new CreditsApi.PlaceHold(UUID.randomUUID(),
                account, "kling-v2-1", duration, resolution, Lane.STANDARD)));
    }

    private JsonNode call(HttpMethod method, String path, String body) {
        RestClient.RequestBodySpec request = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + TestServers.INTERNAL_TOKEN).build()
                .method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            request.body(body);
        }
        return request.exchange((req, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            return bytes.length == 0 ? null : json.readTree(bytes);
        });
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
