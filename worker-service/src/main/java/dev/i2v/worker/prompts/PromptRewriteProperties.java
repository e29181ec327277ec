package dev.i2v.worker.prompts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param baseUrl      an OpenAI-compatible API root, e.g. {@code https://api.openai.com/v1}; the rewrite is off without it
 * @param apiKey       sent as a bearer token when set
 * @param model        the chat model
 * @param timeout      the longest a rewrite may take before the prompt is used as written
 * @param instructions the system message
 */
@ConfigurationProperties("i2v.prompt-rewrite")
@Validated
public record PromptRewriteProperties(
        URI baseUrl,
        String apiKey,
        @NotBlank @DefaultValue("gpt-4o-mini") String model,
        @NotNull @DefaultValue("15s") Duration timeout,
        @NotBlank @DefaultValue(DEFAULT_INSTRUCTIONS) String instructions) {

    static final String DEFAULT_INSTRUCTIONS = "You rewrite prompts for an image-to-video model. Keep the user's "
            + "subject, intent and any camera commands in square brackets exactly; add concrete detail about motion, "
            + "camera movement, lighting and mood; write one paragraph of at most 80 words in the prompt's language; "
            + "answer with the rewritten prompt only.";

    public boolean enabled() {
        return baseUrl != null;
    }
}
