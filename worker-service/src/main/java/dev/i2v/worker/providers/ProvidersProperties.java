package dev.i2v.worker.providers;

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
 * @param poll first pause, longest pause, transient errors in a row, deadline
 */
@ConfigurationProperties("i2v.providers")
@Validated
public record ProvidersProperties(@Valid @NotNull @DefaultValue Poll poll) {

    public record Poll(
            @NotNull @DefaultValue("5s") Duration first,
            @NotNull @DefaultValue("30s") Duration max,
            @Min(1) @DefaultValue("5") int maxErrors,
            @NotNull @DefaultValue("15m") Duration deadline) {
    }
}
