package dev.i2v.worker.providers;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hosted providers' accounts by name: {@code i2v.providers.<provider>.*}. A provider is used only when its API
 * key is set and a {@link ProviderAdapterFactory} of that name exists; its models are those of the shared
 * catalogue ({@code dev.i2v.contracts.models.ModelCatalogue}).
 *
 * @param providers every {@code i2v.providers.<name>} group; names without an adapter (such as {@code poll}) are
 *                  not accounts
 */
@ConfigurationProperties("i2v")
@Validated
public record ProviderAccounts(@NotNull @DefaultValue Map<String, @Valid ProviderAccount> providers) {

    /** The account named {@code provider}; an unconfigured one when none is set. */
    public ProviderAccount of(String provider) {
        ProviderAccount account = providers.get(provider);
        return account != null ? account : new ProviderAccount(null, null, null, null, 4, Duration.ofSeconds(30), null);
    }
}
