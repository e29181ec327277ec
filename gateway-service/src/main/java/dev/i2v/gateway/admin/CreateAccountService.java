package dev.i2v.gateway.admin;

import java.util.UUID;

import org.springframework.stereotype.Service;

import com.github.f4b6a3.uuid.UuidCreator;

import dev.i2v.gateway.auth.ApiKeyService;
import dev.i2v.gateway.downstream.CreditsClient;

/** Signs an account up: credits-service opens it (with the signup grant), then its first API key is issued. */
@Service
public class CreateAccountService {

    private final CreditsClient credits;
    private final ApiKeyService apiKeys;

    CreateAccountService(CreditsClient credits, ApiKeyService apiKeys) {
        this.credits = credits;
        this.apiKeys = apiKeys;
    }

    public NewAccount create(String plan, String timeZone) {
        UUID accountId = UuidCreator.getTimeOrderedEpoch();
        credits.openAccount(accountId, plan == null ? "free" : plan, timeZone);
        return new NewAccount(accountId, apiKeys.issue(accountId, "first key"), plan == null ? "free" : plan);
    }

    /** @param apiKey shown once, here; only its hash is kept */
    public record NewAccount(UUID accountId, String apiKey, String plan) {
    }
}
