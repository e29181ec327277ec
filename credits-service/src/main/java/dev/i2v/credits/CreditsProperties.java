package dev.i2v.credits;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Points rules that are configuration rather than data.
 *
 * @param holdTtl          how long a hold may stay unresolved before the sweeper releases it
 * @param pointsPerSecond  price of one second of output up to 768p
 * @param hdMultiplier     price factor above 768p
 * @param metricsInterval  how often the points metrics are summed from the ledger
 */
@ConfigurationProperties("i2v.credits")
@Validated
public record CreditsProperties(
        @NotNull @DefaultValue("2h") Duration holdTtl,
        @Min(0) @DefaultValue("5") long pointsPerSecond,
        @Min(1) @DefaultValue("2") long hdMultiplier,
        @NotNull @DefaultValue("15s") Duration metricsInterval) {
}
