package dev.i2v.gateway.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param ttl          how long a request's kept answer is replayed under its key
 * @param lease        how long a claim holds its key: longer than the slowest submit (an {@code image_url} fetch of
 *                     at most 15 s, then a hold and a job creation of at most 5 s each), so a running request's key
 *                     is never taken over; when its gateway dies, a retry takes the key over once this has passed
 * @param waitForFirst how long a duplicate waits for the first request under its key before answering 409
 */
@ConfigurationProperties("i2v.gateway.idempotency")
@Validated
public record IdempotencyProperties(
        @NotNull @DefaultValue("24h") Duration ttl,
        @NotNull @DefaultValue("45s") Duration lease,
        @NotNull @DefaultValue("30s") Duration waitForFirst) {
}
