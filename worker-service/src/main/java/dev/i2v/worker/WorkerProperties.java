package dev.i2v.worker;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param slots        jobs this worker runs at once (one share consumer each)
 * @param workerId     how this worker names itself in reports; generated when blank
 * @param lockDuration the share group's acquisition lock (15–60 s allowed by the broker's defaults)
 * @param pollTimeout  how long one poll waits for a job
 */
@ConfigurationProperties("i2v.worker")
@Validated
public record WorkerProperties(
        @Min(1) @Max(64) @DefaultValue("2") int slots,
        String workerId,
        @NotNull @DefaultValue("60s") Duration lockDuration,
        @NotNull @DefaultValue("500ms") Duration pollTimeout) {
}
