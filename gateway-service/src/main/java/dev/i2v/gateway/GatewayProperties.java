package dev.i2v.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param adminToken  the bearer token of {@code /admin/v1}; required, at least 24 characters
 * @param creditsUrl  credits-service's base URL
 * @param jobsUrl     job-service's base URL
 * @param images      limits on input images
 * @param prompt      limits on prompts
 * @param testModels  also offer the test models {@code instant} and {@code crash} (fault tests, benchmarks)
 * @param providers   the hosted providers the workers hold keys for ({@code minimax}, {@code runway}, {@code kling},
 *                    {@code luma}, {@code fal}): their models are offered as available
 * @param promptRewrite the workers rewrite prompts through a chat endpoint ({@code i2v.prompt-rewrite.base-url}):
 *                    every model then accepts {@code prompt_optimizer}
 */
@ConfigurationProperties("i2v.gateway")
@Validated
public record GatewayProperties(
        @NotBlank @Size(min = 24) String adminToken,
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI creditsUrl,
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI jobsUrl,
        @NotNull @DefaultValue("5s") Duration downstreamTimeout,
        @Valid @NotNull @DefaultValue Images images,
        @Valid @NotNull @DefaultValue Prompt prompt,
        @DefaultValue("false") boolean testModels,
        Set<String> providers,
        @DefaultValue("false") boolean promptRewrite) {

    public GatewayProperties {
        providers = providers == null ? Set.of() : Set.copyOf(providers);
    }

    /**
     * @param maxBytes      largest accepted file
     * @param maxPixels     largest width × height, checked from the header before decoding
     * @param minShortSide  smallest accepted short side in pixels
     * @param maxAspect     the long side may be at most this many times the short side (5:2 = 2.5)
     */
    public record Images(
            @Min(1) @DefaultValue("20971520") long maxBytes,
            @Min(1) @DefaultValue("40000000") long maxPixels,
            @Min(1) @DefaultValue("300") int minShortSide,
            @DefaultValue("2.5") double maxAspect) {
    }

    public record Prompt(@Min(1) @DefaultValue("2000") int maxLength) {
    }
}
