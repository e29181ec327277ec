package dev.i2v.credits;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Points rules that are configuration rather than data.
 *
 * @param holdTtl          how long a hold may wait for its job to be created: past it, a hold whose job job-service
 *                         does not have is released by the sweeper (a crash between hold and job creation); a hold
 *                         whose job exists lives as long as the job and is settled by its end
 * @param jobsUrl          job-service's internal API, asked by the sweeper whether a hold's job exists
 * @param jobsTimeout      connect and read timeout of that question
 * @param pointsPerSecond  price of one second of output up to 768p
 * @param hdMultiplier     price factor above 768p
 * @param metricsInterval  how often the points metrics are summed from the ledger
 */
@ConfigurationProperties("i2v.credits")
@Validated
public record CreditsProperties(
        @NotNull @DefaultValue("2h") Duration holdTtl,
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI jobsUrl,
        @NotNull @DefaultValue("3s") Duration jobsTimeout,
        @Min(0) @DefaultValue("5") long pointsPerSecond,
        @Min(1) @DefaultValue("2") long hdMultiplier,
        @NotNull @DefaultValue("15s") Duration metricsInterval) {
}
