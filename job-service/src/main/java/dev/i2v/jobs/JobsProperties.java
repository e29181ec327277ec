package dev.i2v.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param relayInterval  pause between outbox relay passes when the outbox is empty
 * @param relayBatchSize rows published per relay transaction
 */
@ConfigurationProperties("i2v.jobs")
@Validated
public record JobsProperties(
        @NotNull @DefaultValue("100ms") Duration relayInterval,
        @Min(1) @Max(1000) @DefaultValue("100") int relayBatchSize) {
}
