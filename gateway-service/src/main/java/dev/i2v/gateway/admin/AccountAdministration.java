package dev.i2v.gateway.admin;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.auth.ApiKeyService;
import dev.i2v.gateway.auth.OidcTokens;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.operators.AuditLog;
import dev.i2v.gateway.operators.Operator;

/** Operators' changes to accounts, each recorded in the audit log once its owner confirmed it. */
@Service
public class AccountAdministration {

    private final CreateAccountService accounts;
    private final CreditsClient credits;
    private final ApiKeyService apiKeys;
    private final OidcTokens oidc;
    private final AuditLog audit;

    AccountAdministration(CreateAccountService accounts, CreditsClient credits, ApiKeyService apiKeys, OidcTokens oidc,
                          AuditLog audit) {
        this.accounts = accounts;
        this.credits = credits;
        this.apiKeys = apiKeys;
        this.oidc = oidc;
        this.audit = audit;
    }

    public CreateAccountService.NewAccount create(Operator operator, String plan, String timeZone) {
        CreateAccountService.NewAccount account = accounts.create(plan, timeZone);
        audit.record(operator, "account.create", target(account.accountId()), null, null,
                Map.of("plan", account.plan(), "time_zone", timeZone == null ? "UTC" : timeZone));
        return account;
    }

    public CreditsApi.CreditsView changePlan(Operator operator, UUID accountId, String plan) {
        CreditsApi.CreditsView before = credits.credits(accountId);
        CreditsApi.CreditsView after = credits.changePlan(accountId, plan);
        audit.record(operator, "account.plan", target(accountId), null, Map.of("plan", before.plan()),
                Map.of("plan", after.plan()));
        return after;
    }

    /** A repeat of a grant under the same idempotency key changes nothing and is not recorded again. */
    public Map<String, Object> grant(Operator operator, UUID accountId, CreditsApi.AdminGrantRequest request) {
        Map<String, Object> granted = credits.grant(accountId, request);
        if (Boolean.TRUE.equals(granted.get("fresh"))) {
            long after = ((Number) granted.get("balance")).longValue();
            long applied = ((Number) granted.get("applied")).longValue();
            audit.record(operator, request.points() < 0 ? "account.adjust" : "account.grant", target(accountId),
                    request.reason(), Map.of("balance", after - applied), Map.of("balance", after, "applied", applied,
                            "requested", request.points()));
        }
        return granted;
    }

    public ApiKeyService.IssuedKey issueKey(Operator operator, UUID accountId, String label) {
        ApiKeyService.IssuedKey key = apiKeys.issueKey(accountId, label);
        // the key itself is shown once, to the caller: the log keeps its prefix only
        audit.record(operator, "account.key.issue", target(accountId), null, null,
                Map.of("prefix", key.prefix(), "label", label == null ? "" : label));
        return key;
    }

    public void revokeKey(Operator operator, UUID accountId, String prefix) {
        apiKeys.revoke(accountId, prefix);
        audit.record(operator, "account.key.revoke", target(accountId), null, Map.of("prefix", prefix, "revoked", false),
                Map.of("prefix", prefix, "revoked", true));
    }

    public void linkIdentity(Operator operator, UUID accountId, String subject) {
        oidc.link(accountId, subject);
        audit.record(operator, "account.identity.link", target(accountId), null, null, Map.of("subject", subject));
    }

    static String target(UUID accountId) {
        return "account:" + accountId;
    }
}
