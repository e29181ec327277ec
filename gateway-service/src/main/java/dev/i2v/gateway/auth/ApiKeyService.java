package dev.i2v.gateway.auth;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.i2v.gateway.problems.GatewayException;
import org.springframework.transaction.annotation.Transactional;

import com.github.f4b6a3.uuid.UuidCreator;

/** Issues API keys (shown once, stored as a hash) and resolves a presented key to its account. */
@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final KeyUsage usage;

    ApiKeyService(ApiKeyRepository keys, KeyUsage usage) {
        this.keys = keys;
        this.usage = usage;
    }

    /** @return the new key in clear text: the only time it exists outside the caller's hands */
    @Transactional
    public String issue(UUID accountId, String label) {
        String key = ApiKeys.generate();
        keys.insert(UuidCreator.getTimeOrderedEpoch(), accountId, ApiKeys.visiblePrefix(key), ApiKeys.hash(key), label);
        return key;
    }

    /** A key as issued: the secret (shown once) and the prefix that names it later. */
    public record IssuedKey(String apiKey, String prefix) {
    }

    /** Another key for an existing account. */
    @Transactional
    public IssuedKey issueKey(UUID accountId, String label) {
        String key = issue(accountId, label);
        return new IssuedKey(key, ApiKeys.visiblePrefix(key));
    }

    /** One autocommitted statement: a read-only transaction around it cost three more round trips per request. */
    public Optional<UUID> accountFor(String presentedKey) {
        if (!ApiKeys.wellFormed(presentedKey)) {
            return Optional.empty();
        }
        byte[] hash = ApiKeys.hash(presentedKey);
        Optional<UUID> account = keys.activeAccountFor(hash);
        account.ifPresent(accepted -> usage.used(hash));
        return account;
    }

    /**
     * Revokes a key by its visible prefix: from the next request on it is refused (keys are looked up
     * on every request, never cached).
     */
    @Transactional
    public void revoke(UUID accountId, String prefix) {
        if (!keys.revoke(accountId, prefix)) {
            throw GatewayException.notFound("active API key '" + prefix + "'");
        }
    }
}
