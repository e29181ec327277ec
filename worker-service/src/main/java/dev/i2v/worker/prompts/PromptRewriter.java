package dev.i2v.worker.prompts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewrites a prompt through {@code POST {baseUrl}/chat/completions}. Any failure (unreachable, non-2xx,
 * malformed, empty or over-long answer) gives {@link Optional#empty()}: the job goes on with the
 * user's own prompt, because a missing rewrite must never cost the user their video.
 */
public final class PromptRewriter {

    private static final Logger log = LoggerFactory.getLogger(PromptRewriter.class);
    /** The gateway's prompt limit: a rewrite must fit where the user's prompt did. */
    static final int MAX_LENGTH = 2000;

    private final PromptRewriteProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    public PromptRewriter(PromptRewriteProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
    }

    public boolean enabled() {
        return properties.enabled();
    }

    /** The rewritten prompt, or empty when the rewrite is off or failed. */
    public Optional<String> rewrite(String prompt) {
        if (!enabled() || prompt == null || prompt.isBlank()) {
            return Optional.empty();
        }
        try {
            HttpResponse<String> response = http.send(request(prompt), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                log.warn("prompt rewrite answered {}; using the prompt as written", response.statusCode());
                return Optional.empty();
            }
            return answer(json.readTree(response.body()));
        } catch (IOException | JacksonException e) {
            log.warn("prompt rewrite failed ({}); using the prompt as written", e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private HttpRequest request(String prompt) {
        Map<String, Object> body = Map.of("model", properties.model(), "temperature", 0.4, "messages", List.of(
                Map.of("role", "system", "content", properties.instructions()),
                Map.of("role", "user", "content", prompt)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        properties.baseUrl().toString().replaceAll("/+$", "") + "/chat/completions"))
                .timeout(properties.timeout()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
            request.header("Authorization", "Bearer " + properties.apiKey());
        }
        return request.build();
    }

    private static Optional<String> answer(JsonNode body) {
        String text = body.path("choices").path(0).path("message").path("content").asString("").strip();
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            log.warn("prompt rewrite gave {} characters; using the prompt as written", text.length());
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
