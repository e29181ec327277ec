package dev.i2v.worker.providers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Hosted providers. A provider is used only when its API key is set.
 *
 * @param poll  how tasks are polled: first pause, longest pause, transient errors in a row, deadline
 */
@ConfigurationProperties("i2v.providers")
@Validated
public record ProvidersProperties(
        @Valid @NotNull @DefaultValue MiniMax minimax,
        @Valid @NotNull @DefaultValue Poll poll) {

    /**
     * @param apiKey           the MiniMax API key; MiniMax models are off without it
     * @param baseUrl          {@code https://api.minimax.io} (global) or {@code https://api.minimaxi.com} (China)
     * @param createsPerMinute the account's video request rate (5 on the standard tier)
     * @param models           public model name → MiniMax model id
     */
    public record MiniMax(
            String apiKey,
            @NotNull @DefaultValue("https://api.minimax.io") URI baseUrl,
            @Min(1) @DefaultValue("5") int createsPerMinute,
            @NotNull @DefaultValue("30s") Duration timeout,
            Map<String, String> models) {

        /** The MiniMax image-to-video models by public name, unless configured otherwise. */
        public static final Map<String, String> DEFAULT_MODELS = Map.of("hailuo-02", "MiniMax-Hailuo-02",
                "hailuo-2.3", "MiniMax-Hailuo-2.3", "i2v-01", "I2V-01", "i2v-01-live", "I2V-01-live",
                "i2v-01-director", "I2V-01-Director");

        public MiniMax {
            models = models == null || models.isEmpty() ? DEFAULT_MODELS : Map.copyOf(models);
        }

        public boolean configured() {
            return apiKey != null && !apiKey.isBlank();
        }
    }

    public record Poll(
            @NotNull @DefaultValue("5s") Duration first,
            @NotNull @DefaultValue("30s") Duration max,
            @Min(1) @DefaultValue("5") int maxErrors,
            @NotNull @DefaultValue("15m") Duration deadline) {
    }
}
