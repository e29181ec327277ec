package dev.i2v.gateway.openai;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param defaultModel our model that OpenAI's model names ({@code sora-2} and its snapshots) and a request
 *                     without a model run on
 * @param proModel     our model for {@code sora-2-pro} and its snapshots; the default model when unset
 * @param pollAfterMs  the {@code openai-poll-after-ms} hint sent with an unfinished video (the SDKs' pollers wait
 *                     that long)
 */
@ConfigurationProperties("i2v.gateway.openai")
@Validated
public record OpenAiProperties(@NotBlank @DefaultValue("local") String defaultModel, String proModel,
                               @DefaultValue("1000") long pollAfterMs) {

    /** Our model for a requested model name: OpenAI's names map to ours, our own names pass as they are. */
    String modelFor(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultModel;
        }
        if (requested.startsWith("sora-2-pro")) {
            return proModel == null || proModel.isBlank() ? defaultModel : proModel;
        }
        if (requested.startsWith("sora-")) {
            return defaultModel;
        }
        return requested;
    }
}
