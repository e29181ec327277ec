package dev.i2v.worker.providers;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * One provider's account, set under {@code i2v.providers.<provider>}.
 *
 * @param apiKey           the key (Kling: the access key); the provider is off without it
 * @param secretKey        Kling only: the secret key that signs its tokens
 * @param baseUrl          the API's address; each adapter knows the provider's public one
 * @param createsPerMinute tasks the account may create a minute; unset: the adapter's default
 * @param maxConcurrent    tasks one worker keeps open at this provider at once; more jobs wait their turn
 * @param timeout          connect and read timeout of one call
 * @param adapter          which provider's API this account is of, when its name is not one ({@code minimax-eu} with
 *                         {@code adapter: minimax}): several accounts of one provider can then serve as routes
 */
public record ProviderAccount(
        String apiKey,
        String secretKey,
        URI baseUrl,
        @Min(1) Integer createsPerMinute,
        @Min(1) @DefaultValue("4") int maxConcurrent,
        @NotNull @DefaultValue("30s") Duration timeout,
        String adapter) {

    /** The provider whose adapter talks to this account: {@link #adapter} if set, else the account's own name. */
    public String adapterOr(String accountName) {
        return adapter != null && !adapter.isBlank() ? adapter : accountName;
    }

    public boolean configured() {
        return apiKey != null && !apiKey.isBlank();
    }

    public URI baseUrlOr(URI fallback) {
        return baseUrl != null ? baseUrl : fallback;
    }

    public int createsPerMinuteOr(int fallback) {
        return createsPerMinute != null ? createsPerMinute : fallback;
    }

    /** An HTTP client for this account, authorised as {@code scheme + apiKey} (e.g. {@code "Bearer "}). */
    public ProviderHttp http(String provider, String scheme, int defaultCreatesPerMinute,
                             JsonMapper json) {
        return new ProviderHttp(provider, () -> scheme + apiKey, createsPerMinuteOr(defaultCreatesPerMinute), timeout,
                json);
    }
}
