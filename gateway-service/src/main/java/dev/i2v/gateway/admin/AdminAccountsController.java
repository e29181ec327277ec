package dev.i2v.gateway.admin;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.auth.ApiKeyService;
import dev.i2v.gateway.auth.OidcTokens;
import dev.i2v.gateway.downstream.CreditsClient;

/** {@code /admin/v1}: accounts, plans, grants and the ledger audit, for operators. */
@RestController
class AdminAccountsController {

    private final CreateAccountService accounts;
    private final CreditsClient credits;
    private final ApiKeyService apiKeys;
    private final OidcTokens oidc;

    AdminAccountsController(CreateAccountService accounts, CreditsClient credits, ApiKeyService apiKeys,
                            OidcTokens oidc) {
        this.accounts = accounts;
        this.credits = credits;
        this.apiKeys = apiKeys;
        this.oidc = oidc;
    }

    /** Links an OIDC subject (of the configured issuer) to the account: its access tokens then sign in as it. */
    @PostMapping("/admin/v1/accounts/{id}/identities")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void linkIdentity(@PathVariable UUID id, @RequestBody IdentityRequest request) {
        oidc.link(id, request.subject());
    }

    record IdentityRequest(String subject) {
    }

    /** Another key for the account, shown once in the answer. */
    @PostMapping("/admin/v1/accounts/{id}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyService.IssuedKey issueKey(@PathVariable UUID id, @RequestBody(required = false) NewKeyRequest request) {
        return apiKeys.issueKey(id, request == null ? null : request.label());
    }

    /** Revokes a key by its visible prefix; it is refused from the next request on. */
    @DeleteMapping("/admin/v1/accounts/{id}/keys/{prefix}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeKey(@PathVariable UUID id, @PathVariable String prefix) {
        apiKeys.revoke(id, prefix);
    }

    record NewKeyRequest(String label) {
    }

    @PostMapping("/admin/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    CreateAccountService.NewAccount create(@RequestBody(required = false) NewAccountRequest request) {
        return request == null ? accounts.create(null, null) : accounts.create(request.plan(), request.timeZone());
    }

    @PutMapping("/admin/v1/accounts/{id}/plan")
    CreditsApi.CreditsView changePlan(@PathVariable UUID id, @RequestBody CreditsApi.ChangePlan request) {
        return credits.changePlan(id, request.plan());
    }

    @PostMapping("/admin/v1/accounts/{id}/grants")
    Map<String, Object> grant(@PathVariable UUID id, @RequestBody CreditsApi.AdminGrantRequest request) {
        return credits.grant(id, request);
    }

    @GetMapping("/admin/v1/ledger/audit")
    Map<String, Object> audit(@RequestParam(name = "account_id", required = false) UUID accountId) {
        return credits.audit(accountId);
    }

    /** @param timeZone IANA zone the account's days are counted in (daily grant); UTC by default */
    record NewAccountRequest(String plan, String timeZone) {
    }
}
