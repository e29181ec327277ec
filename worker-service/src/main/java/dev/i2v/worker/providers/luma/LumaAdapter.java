package dev.i2v.worker.providers.luma;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.i2v.worker.providers.AspectRatios;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderException;
import dev.i2v.worker.providers.ProviderException.Kind;
import dev.i2v.worker.providers.ProviderHttp;

/**
 * Luma Dream Machine: {@code POST /generations}, {@code GET /generations/{id}}, {@code DELETE
 * /generations/{id}}. Luma takes keyframe images by URL only, so it needs the public input URLs
 * ({@code i2v.storage.links.base-url} and {@code i2v.storage.links.secret} on gateway and workers). Its callbacks are unsigned, so we poll rather than trust them.
 */
public final class LumaAdapter implements ProviderAdapter {

    public static final URI DEFAULT_BASE_URL = URI.create("https://api.lumalabs.ai/dream-machine/v1");
    static final List<String> RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "21:9", "9:21");

    private final String baseUrl;
    private final ProviderHttp http;

    public LumaAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.http = http;
    }

    @Override
    public String provider() {
        return "luma";
    }

    @Override
    public String submit(ProviderRequest request) {
        if (request.imageUrl() == null) {
            throw new ProviderException(Kind.ACCOUNT, "no_public_inputs",
                    "Luma takes images by URL only: set i2v.storage.links.base-url and i2v.storage.links.secret");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.providerModel());
        body.put("prompt", request.prompt() == null ? "" : request.prompt());
        body.put("keyframes", Map.of("frame0", Map.of("type", "image", "url", request.imageUrl())));
        body.put("aspect_ratio", AspectRatios.nearest(request.imageWidth(), request.imageHeight(), RATIOS));
        body.put("duration", request.durationSeconds() + "s");
        body.put("resolution", request.resolution().toLowerCase(Locale.ROOT));
        if (request.callbackUrl() != null) {
            body.put("callback_url", request.callbackUrl());
        }
        http.awaitCreateRate();
        JsonNode answer = http.create(HttpRequest.newBuilder(URI.create(baseUrl + "/generations"))
                .header("Content-Type", "application/json").POST(http.body(body)));
        return http.createdId(answer.path("id"), "id");
    }

    @Override
    public TaskState poll(String taskId) {
        JsonNode generation = http.call(HttpRequest.newBuilder(generation(taskId)).GET());
        String state = generation.path("state").asString("");
        return switch (state) {
            case "queued", "dreaming" -> new TaskState.Pending(-1);
            case "completed" -> new TaskState.Succeeded(http.required(generation.path("assets").path("video"), "video"));
            case "failed" -> new TaskState.Failed(failure(generation.path("failure_reason").asString("")));
            default -> throw new ProviderException(Kind.TRANSIENT, "unknown_state", "unknown state '" + state + "'");
        };
    }

    @Override
    public void cancel(String taskId) {
        try {
            http.send(HttpRequest.newBuilder(generation(taskId)).DELETE());
        } catch (ProviderException e) {
            // best effort: the job is stopping anyway
        }
    }

    @Override
    public InputStream download(String resultUrl) {
        return http.download(resultUrl);
    }

    /** Luma gives a free-text reason; moderation refusals say so in words. */
    static ProviderException failure(String reason) {
        String lower = reason.toLowerCase(Locale.ROOT);
        boolean moderated = lower.contains("moderat") || lower.contains("safety") || lower.contains("nsfw")
                || lower.contains("policy");
        return new ProviderException(moderated ? Kind.MODERATION : Kind.TRANSIENT, moderated ? "moderation" : "failed",
                reason.isBlank() ? "the generation failed" : reason);
    }

    private URI generation(String id) {
        return URI.create(baseUrl + "/generations/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }
}
