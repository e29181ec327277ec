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
 * How hosted providers' tasks are polled ({@code i2v.providers.poll.*}); the accounts themselves are
 * {@link ProviderAccounts}.
 *
 * @param poll      first pause, longest pause, transient errors in a row, deadline
 * @param breaker   each route's circuit breaker
 * @param callbacks where providers call back
 */
@ConfigurationProperties("i2v.providers")
@Validated
public record ProvidersProperties(@Valid @NotNull @DefaultValue Poll poll,
                                  @Valid @NotNull @DefaultValue Breaker breaker,
                                  @Valid @NotNull @DefaultValue Callbacks callbacks) {

    /**
     * A route (provider account) opens after {@code failures} calls in a row failed (unreachable, 5xx, unreadable,
     * our account refused): new tasks then go to the model's next route. After {@code openFor} it lets
     * {@code trialCalls} creates or polls through and closes again if they work.
     */
    public record Breaker(
            @Min(1) @DefaultValue("5") int failures,
            @NotNull @DefaultValue("30s") Duration openFor,
            @Min(1) @DefaultValue("1") int trialCalls) {
    }

    /**
     * @param baseUrl the gateway's public address as providers reach it (e.g. {@code https://api.example.com});
     *                unset, no callback link is sent and results are picked up by polling alone
     */
    public record Callbacks(URI baseUrl) {
    }

    public record Poll(
            @NotNull @DefaultValue("5s") Duration first,
            @NotNull @DefaultValue("30s") Duration max,
            @Min(1) @DefaultValue("5") int maxErrors,
            @NotNull @DefaultValue("10m") Duration outageGrace,
            @NotNull @DefaultValue("15m") Duration deadline) {
    }
}
