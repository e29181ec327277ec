package dev.i2v.gateway.ratelimits;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits per account for the whole deployment: every gateway replica takes from the same buckets.
 *
 * @param requestsPerMinute every {@code /v1} call
 * @param submitsPerMinute  {@code POST /v1/videos} on top of that
 */
@ConfigurationProperties("i2v.gateway.rate-limits")
@Validated
public record RateLimitProperties(
        @Min(1) @DefaultValue("600") int requestsPerMinute,
        @Min(1) @DefaultValue("60") int submitsPerMinute) {
}
