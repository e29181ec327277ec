package dev.i2v.credits.accounts;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.grants.GrantService;
import dev.i2v.credits.ledger.LedgerAudit;
import dev.i2v.credits.ledger.LedgerQueries;

@RestController
@RequestMapping("/internal")
class AccountsController {

    private final OpenAccountService openAccount;
    private final CreditsQueryService credits;
    private final PlanService plans;
    private final GrantService grants;
    private final LedgerQueries ledger;
    private final LedgerAudit audit;

    AccountsController(OpenAccountService openAccount, CreditsQueryService credits, PlanService plans,
                       GrantService grants, LedgerQueries ledger, LedgerAudit audit) {
        this.openAccount = openAccount;
        this.credits = credits;
        this.plans = plans;
        this.grants = grants;
        this.ledger = ledger;
        this.audit = audit;
    }

    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    CreditsApi.CreditsView open(@RequestBody CreditsApi.OpenAccount request) {
        openAccount.open(request.accountId(), request.plan(), request.timeZone());
        return credits.credits(request.accountId());
    }

    @GetMapping("/accounts/{accountId}/credits")
    CreditsApi.CreditsView credits(@PathVariable UUID accountId) {
        return credits.credits(accountId);
    }

    @GetMapping("/accounts/{accountId}/entitlements")
    CreditsApi.Entitlements entitlements(@PathVariable UUID accountId) {
        return credits.entitlements(accountId);
    }

    @GetMapping("/accounts/{accountId}/history")
    CreditsApi.HistoryPage history(@PathVariable UUID accountId,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(defaultValue = "50") int limit) {
        return ledger.history(accountId, cursor, limit);
    }

    @PutMapping("/accounts/{accountId}/plan")
    CreditsApi.CreditsView changePlan(@PathVariable UUID accountId, @RequestBody CreditsApi.ChangePlan request) {
        plans.change(accountId, request.plan());
        return credits.credits(accountId);
    }

    @PostMapping("/accounts/{accountId}/daily-grant")
    CreditsApi.DailyGrant dailyGrant(@PathVariable UUID accountId) {
        return grants.daily(accountId);
    }

    @PostMapping("/accounts/{accountId}/grants")
    GrantService.AdminGrant grant(@PathVariable UUID accountId, @RequestBody CreditsApi.AdminGrantRequest request) {
        Instant expires = request.expiresAt();
        return grants.adminGrant(accountId, request.points(), request.reason(), expires, request.idempotencyKey());
    }

    @GetMapping("/accounts/{accountId}/usage")
    CreditsApi.Usage usage(@PathVariable UUID accountId, @RequestParam(defaultValue = "30") int days) {
        return ledger.usage(accountId, days);
    }

    @GetMapping("/ledger")
    CreditsApi.LedgerLines ledgerOfJob(@RequestParam(name = "job_id") UUID jobId) {
        return new CreditsApi.LedgerLines(ledger.forJob(jobId));
    }

    @GetMapping("/audit")
    LedgerAudit.Report audit(@RequestParam(name = "account_id", required = false) UUID accountId) {
        return audit.audit(accountId);
    }
}
