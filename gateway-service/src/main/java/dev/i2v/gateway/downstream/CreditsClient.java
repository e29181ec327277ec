package dev.i2v.gateway.downstream;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.problems.GatewayException;

/** credits-service's internal API. */
@Component
public class CreditsClient {

    private static final String SERVICE = "the credits service";
    private static final String PRICE = "/internal/prices/{model}/{duration}/{resolution}/{lane}";
    private static final Set<HttpStatus> EDIT_REFUSALS = Set.of(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT,
            HttpStatus.UNPROCESSABLE_CONTENT);

    private final RestClient http;
    private final JsonMapper json;

    CreditsClient(DownstreamClients clients, JsonMapper json) {
        this.http = clients.credits();
        this.json = json;
    }

    public CreditsApi.CreditsView openAccount(UUID accountId, String plan, String timeZone) {
        return DownstreamCalls.call(SERVICE, "plan", Set.of(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT), json, () ->
                http.post().uri("/internal/accounts").body(new CreditsApi.OpenAccount(accountId, plan, timeZone))
                        .retrieve().body(CreditsApi.CreditsView.class));
    }

    public CreditsApi.CreditsView changePlan(UUID accountId, String plan) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(HttpStatus.BAD_REQUEST, HttpStatus.CONFLICT), json, () ->
                http.put().uri("/internal/accounts/{id}/plan", accountId).body(new CreditsApi.ChangePlan(plan))
                        .retrieve().body(CreditsApi.CreditsView.class));
    }

    /** An operator's grant or debit; the answer is passed on as credits-service gives it. */
    public Map<String, Object> grant(UUID accountId, CreditsApi.AdminGrantRequest request) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(HttpStatus.BAD_REQUEST, HttpStatus.UNPROCESSABLE_CONTENT),
                json, () -> http.post().uri("/internal/accounts/{id}/grants", accountId).body(request)
                        .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { }));
    }

    /** The daily grant of the account's first authenticated request of a day. */
    public CreditsApi.DailyGrant dailyGrant(UUID accountId) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(), json, () ->
                http.post().uri("/internal/accounts/{id}/daily-grant", accountId).retrieve()
                        .body(CreditsApi.DailyGrant.class));
    }

    /** The ledger audit: stored balances recomputed from the journal and lots. */
    public Map<String, Object> audit(UUID accountId) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.get().uri(b -> b.path("/internal/audit")
                                .queryParamIfPresent("account_id", Optional.ofNullable(accountId)).build())
                        .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { }));
    }

    public CreditsApi.Quote quote(CreditsApi.QuoteRequest request) {
        return DownstreamCalls.call(SERVICE, "price", Set.of(HttpStatus.BAD_REQUEST, HttpStatus.UNPROCESSABLE_CONTENT), json, () ->
                http.post().uri("/internal/quotes").body(request).retrieve().body(CreditsApi.Quote.class));
    }

    /**
     * Prices the job and holds the price in one call; the hold's amount is the job's cost. 402 insufficient_credits,
     * 429 concurrency_limit, 422 plan_limit and a 400 on the price reach the client as they are.
     */
    public CreditsApi.HoldView hold(CreditsApi.PlaceHold request) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(HttpStatus.PAYMENT_REQUIRED, HttpStatus.TOO_MANY_REQUESTS,
                        HttpStatus.UNPROCESSABLE_CONTENT, HttpStatus.BAD_REQUEST), json,
                () -> http.post().uri("/internal/holds").body(request).retrieve().body(CreditsApi.HoldView.class));
    }

    public void release(UUID jobId) {
        DownstreamCalls.call(SERVICE, "hold", Set.of(), json, () ->
                http.post().uri("/internal/holds/{job}/release", jobId).retrieve().toBodilessEntity());
    }

    public CreditsApi.CreditsView credits(UUID accountId) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(), json, () ->
                http.get().uri("/internal/accounts/{id}/credits", accountId).retrieve().body(CreditsApi.CreditsView.class));
    }

    /** The plan's entitlements, read without a lock or a write in credits-service. */
    public CreditsApi.Entitlements entitlements(UUID accountId) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(), json, () ->
                http.get().uri("/internal/accounts/{id}/entitlements", accountId).retrieve()
                        .body(CreditsApi.Entitlements.class));
    }

    public CreditsApi.HistoryPage history(UUID accountId, String cursor, int limit) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.get().uri(b -> b.path("/internal/accounts/{id}/history").queryParam("limit", limit)
                                .queryParamIfPresent("cursor", Optional.ofNullable(cursor)).build(accountId))
                        .retrieve().body(CreditsApi.HistoryPage.class));
    }

    /** The account's jobs and points per day, and its open holds. */
    public CreditsApi.Usage usage(UUID accountId, int days) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.get().uri(b -> b.path("/internal/accounts/{id}/usage").queryParam("days", days).build(accountId))
                        .retrieve().body(CreditsApi.Usage.class));
    }

    /** One job's points movements: its hold, then its capture or release. */
    public CreditsApi.LedgerLines ledgerOfJob(UUID jobId) {
        return DownstreamCalls.call(SERVICE, "job", Set.of(), json, () ->
                http.get().uri(b -> b.path("/internal/ledger").queryParam("job_id", jobId).build()).retrieve()
                        .body(CreditsApi.LedgerLines.class));
    }

    public CreditsApi.PlanList plans() {
        return DownstreamCalls.call(SERVICE, "plan", Set.of(), json, () ->
                http.get().uri("/internal/plans").retrieve().body(CreditsApi.PlanList.class));
    }

    public CreditsApi.PlanView plan(String code) {
        return DownstreamCalls.call(SERVICE, "plan", Set.of(), json, () ->
                http.get().uri("/internal/plans/{code}", code).retrieve().body(CreditsApi.PlanView.class));
    }

    public CreditsApi.PlanView createPlan(CreditsApi.PlanTerms terms) {
        return DownstreamCalls.call(SERVICE, "plan", EDIT_REFUSALS, json, () ->
                http.post().uri("/internal/plans").body(terms).retrieve().body(CreditsApi.PlanView.class));
    }

    public CreditsApi.PlanView editPlan(String code, CreditsApi.PlanTerms terms) {
        return DownstreamCalls.call(SERVICE, "plan", EDIT_REFUSALS, json, () ->
                http.put().uri("/internal/plans/{code}", code).body(terms).retrieve().body(CreditsApi.PlanView.class));
    }

    /** @param retire false restores a retired plan */
    public CreditsApi.PlanView retirePlan(String code, boolean retire) {
        return DownstreamCalls.call(SERVICE, "plan", EDIT_REFUSALS, json, () ->
                http.post().uri("/internal/plans/{code}/{what}", code, retire ? "retire" : "restore").retrieve()
                        .body(CreditsApi.PlanView.class));
    }

    public CreditsApi.PriceList prices() {
        return DownstreamCalls.call(SERVICE, "price", Set.of(), json, () ->
                http.get().uri("/internal/prices").retrieve().body(CreditsApi.PriceList.class));
    }

    /** The row for this key, or empty when the default rule prices it. */
    public Optional<CreditsApi.PriceRow> price(String model, int duration, String resolution, String lane) {
        try {
            return Optional.of(DownstreamCalls.call(SERVICE, "price", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                    http.get().uri(PRICE, model, duration, resolution, lane).retrieve().body(CreditsApi.PriceRow.class)));
        } catch (GatewayException e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public CreditsApi.PriceRow putPrice(String model, int duration, String resolution, String lane, Long points) {
        return DownstreamCalls.call(SERVICE, "price", EDIT_REFUSALS, json, () ->
                http.put().uri(PRICE, model, duration, resolution, lane).body(new CreditsApi.PriceRequest(points))
                        .retrieve().body(CreditsApi.PriceRow.class));
    }

    public void removePrice(String model, int duration, String resolution, String lane) {
        DownstreamCalls.call(SERVICE, "price", EDIT_REFUSALS, json, () ->
                http.delete().uri(PRICE, model, duration, resolution, lane).retrieve().toBodilessEntity());
    }
}
