package dev.i2v.gateway.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.auth.AccountDirectory;
import dev.i2v.gateway.auth.ApiKeyService;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.operators.Operator;

/** {@code /admin/v1}: accounts, their keys, plans and grants, and the ledger audit, for operators. */
@RestController
class AdminAccountsController {

    private final AccountAdministration accounts;
    private final CreditsClient credits;
    private final AccountDirectory directory;

    AdminAccountsController(AccountAdministration accounts, CreditsClient credits, AccountDirectory directory) {
        this.accounts = accounts;
        this.credits = credits;
        this.directory = directory;
    }

    /** Accounts by an API key's prefix, an OIDC subject, or part of a key's label (exactly one of them). */
    @GetMapping("/admin/v1/accounts")
    AccountMatches find(@RequestParam(name = "key_prefix", required = false) String keyPrefix,
                        @RequestParam(required = false) String subject, @RequestParam(required = false) String label) {
        return new AccountMatches(directory.find(keyPrefix, subject, label));
    }

    record AccountMatches(List<UUID> accountIds) {
    }

    /** The account's keys by prefix and label, with when each was created and revoked. */
    @GetMapping("/admin/v1/accounts/{id}/keys")
    KeyList keys(@PathVariable UUID id) {
        return new KeyList(directory.keys(id));
    }

    record KeyList(List<AccountDirectory.KeyView> data) {
    }

    /** Links an OIDC subject (of the configured issuer) to the account: its access tokens then sign in as it. */
    @PostMapping("/admin/v1/accounts/{id}/identities")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void linkIdentity(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                      @RequestBody IdentityRequest request) {
        accounts.linkIdentity(operator, id, request.subject());
    }

    record IdentityRequest(String subject) {
    }

    /** Another key for the account, shown once in the answer. */
    @PostMapping("/admin/v1/accounts/{id}/keys")
    @ResponseStatus(HttpStatus.CREATED)
    ApiKeyService.IssuedKey issueKey(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                                     @RequestBody(required = false) NewKeyRequest request) {
        return accounts.issueKey(operator, id, request == null ? null : request.label());
    }

    /** Revokes a key by its visible prefix; it is refused from the next request on. */
    @DeleteMapping("/admin/v1/accounts/{id}/keys/{prefix}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeKey(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                   @PathVariable String prefix) {
        accounts.revokeKey(operator, id, prefix);
    }

    record NewKeyRequest(String label) {
    }

    @PostMapping("/admin/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    CreateAccountService.NewAccount create(@RequestAttribute(Operator.ATTRIBUTE) Operator operator,
                                           @RequestBody(required = false) NewAccountRequest request) {
        return request == null ? accounts.create(operator, null, null)
                : accounts.create(operator, request.plan(), request.timeZone());
    }

    /** The account's balance by grant, plan and jobs in flight. */
    @GetMapping("/admin/v1/accounts/{id}")
    CreditsApi.CreditsView account(@PathVariable UUID id) {
        return credits.credits(id);
    }

    /** Jobs and points per day (in the account's time zone) and the holds still open: its jobs in flight. */
    @GetMapping("/admin/v1/accounts/{id}/usage")
    CreditsApi.Usage usage(@PathVariable UUID id, @RequestParam(defaultValue = "30") int days) {
        return credits.usage(id, days);
    }

    @PutMapping("/admin/v1/accounts/{id}/plan")
    CreditsApi.CreditsView changePlan(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                                      @RequestBody CreditsApi.ChangePlan request) {
        return accounts.changePlan(operator, id, request.plan());
    }

    @PostMapping("/admin/v1/accounts/{id}/grants")
    Map<String, Object> grant(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                              @RequestBody CreditsApi.AdminGrantRequest request) {
        return accounts.grant(operator, id, request);
    }

    @GetMapping("/admin/v1/ledger/audit")
    Map<String, Object> audit(@RequestParam(name = "account_id", required = false) UUID accountId) {
        return credits.audit(accountId);
    }

    /** @param timeZone IANA zone the account's days are counted in (daily grant); UTC by default */
    record NewAccountRequest(String plan, String timeZone) {
    }
}
