package dev.i2v.jobs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param relayInterval  pause between the outbox relay's periodic passes: a safety net, since every commit that
 *                       appends rows nudges a pass at once
 * @param relayBatchSize rows published per relay transaction
 * @param maxAttempts    attempts of a job whose failures are transient, before it fails for good
 * @param retryBackoff   the first retry's delay; each later one doubles it, with ±50 % jitter
 * @param maxRetryBackoff the longest delay between attempts
 * @param runTimeout     a job running longer than this fails with {@code timeout} and is released
 * @param webhookRetryBase the first webhook retry's delay; later ones are 6, 24, 120, 360, 720, 1440 times it
 * @param webhookAllowHttp call plain-http webhook URLs too (tests only; the gateway accepts https only)
 * @param webhookAllowPrivateAddresses call webhook hosts that resolve to loopback or private addresses too (tests
 *                      only: in production a webhook must never reach inside our network)
 * @param queueMetricsInterval how often the queued-jobs gauge per lane ({@code i2v_jobs_queued}) is recounted
 * @param leaseDuration  how long a worker's claim of a job lasts unless its heartbeat renews it; when it runs out the
 *                      job is dispatched again for another worker (a frozen or killed worker's jobs wait this long)
 * @param poisonClaims   claims of one attempt that may end without an outcome (the worker died or crashed on it)
 *                      before the job fails as {@code poison_job} instead of taking another worker down
 */
@ConfigurationProperties("i2v.jobs")
@Validated
public record JobsProperties(
        @NotNull @DefaultValue("1s") Duration relayInterval,
        @Min(1) @Max(1000) @DefaultValue("100") int relayBatchSize,
        @Min(1) @Max(20) @DefaultValue("3") int maxAttempts,
        @NotNull @DefaultValue("2s") Duration retryBackoff,
        @NotNull @DefaultValue("1m") Duration maxRetryBackoff,
        @NotNull @DefaultValue("15m") Duration runTimeout,
        @NotNull @DefaultValue("5s") Duration webhookRetryBase,
        @DefaultValue("false") boolean webhookAllowHttp,
        @DefaultValue("false") boolean webhookAllowPrivateAddresses,
        @NotNull @DefaultValue("5s") Duration queueMetricsInterval,
        @NotNull @DefaultValue("30s") Duration leaseDuration,
        @Min(1) @Max(10) @DefaultValue("3") int poisonClaims) {
}
