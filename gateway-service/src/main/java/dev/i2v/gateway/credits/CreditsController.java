package dev.i2v.gateway.credits;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.downstream.CreditsClient;

/** {@code /v1/credits}: the caller's own points, as credits-service reports them. */
@RestController
class CreditsController {

    private final CreditsClient credits;

    CreditsController(CreditsClient credits) {
        this.credits = credits;
    }

    @GetMapping("/v1/credits")
    CreditsJson credits(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        CreditsApi.CreditsView view = credits.credits(caller.accountId());
        return new CreditsJson(view.balance(), view.plan(), view.concurrency(), view.nextDailyGrantAt(), view.grants());
    }

    @GetMapping("/v1/credits/history")
    CreditsApi.HistoryPage history(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(defaultValue = "50") int limit) {
        return credits.history(caller.accountId(), cursor, limit);
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CreditsJson(long balance, String plan, CreditsApi.Concurrency concurrency, Instant nextDailyGrantAt,
                       List<CreditsApi.GrantView> grants) {
    }
}
