package dev.i2v.worker.providers;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Hosted providers. A provider is used only when its API key is set; its models are those of the
 * shared catalogue ({@code dev.i2v.contracts.models.ModelCatalogue}).
 *
 * @param poll how tasks are polled: first pause, longest pause, transient errors in a row, deadline
 */
@ConfigurationProperties("i2v.providers")
@Validated
public record ProvidersProperties(
        @Valid @NotNull @DefaultValue Provider minimax,
        @Valid @NotNull @DefaultValue Provider runway,
        @Valid @NotNull @DefaultValue Provider kling,
        @Valid @NotNull @DefaultValue Provider luma,
        @Valid @NotNull @DefaultValue Provider fal,
        @Valid @NotNull @DefaultValue Poll poll) {

    /**
     * One provider's account.
     *
     * @param apiKey           the key (Kling: the access key); the provider is off without it
     * @param secretKey        Kling only: the secret key that signs its tokens
     * @param baseUrl          the API's address; each adapter knows the provider's public one
     * @param createsPerMinute tasks the account may create a minute; unset: 5 for MiniMax, 60 for the others
     * @param maxConcurrent    tasks one worker keeps open at this provider at once; more jobs wait their turn
     * @param timeout          connect and read timeout of one call
     */
    public record Provider(
            String apiKey,
            String secretKey,
            URI baseUrl,
            @Min(1) Integer createsPerMinute,
            @Min(1) @DefaultValue("4") int maxConcurrent,
            @NotNull @DefaultValue("30s") Duration timeout) {

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }

        public URI baseUrlOr(URI fallback) {
            return baseUrl != null ? baseUrl : fallback;
        }

        public int createsPerMinuteOr(int fallback) {
            return createsPerMinute != null ? createsPerMinute : fallback;
        }
    }

    public record Poll(
            @NotNull @DefaultValue("5s") Duration first,
            @NotNull @DefaultValue("30s") Duration max,
            @Min(1) @DefaultValue("5") int maxErrors,
            @NotNull @DefaultValue("15m") Duration deadline) {
    }
}
