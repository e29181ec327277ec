package dev.i2v.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * MiniMax's {@code /v1} video API as its documentation describes it: errors as HTTP 200 with a non-zero
 * {@code base_resp.status_code} (1004 key, 1002 rate limit, 1026 sensitive input, 2013 invalid parameters, 1000
 * and 1024 transient), tasks {@code Preparing → Queueing → Processing → Success | Fail}, results through
 * {@code /v1/files/retrieve} and an expiring download URL, and callbacks: a {@code challenge} POST that must be
 * echoed within 3 s, then a query-shaped POST at each status change (unsigned, as MiniMax's are).
 * A prompt containing {@code [sim:moderation]} is refused as sensitive input; {@code [sim:fail]} makes the task fail.
 * Billed: each task that produced a video.
 */
public final class MiniMaxSimulator extends SimulatedProvider {

    /** The I2V models and the durations and resolutions each takes (providers.md §1). */
    private static final Map<String, Map<String, Set<Integer>>> MODELS = Map.of(
            "MiniMax-Hailuo-02", Map.of("512P", Set.of(6, 10), "768P", Set.of(6, 10), "1080P", Set.of(6)),
            "MiniMax-Hailuo-2.3", Map.of("768P", Set.of(6, 10), "1080P", Set.of(6)),
            "MiniMax-Hailuo-2.3-Fast", Map.of("768P", Set.of(6, 10), "1080P", Set.of(6)),
            "I2V-01", Map.of("720P", Set.of(6)),
            "I2V-01-live", Map.of("720P", Set.of(6)),
            "I2V-01-Director", Map.of("720P", Set.of(6)));
    private static final Duration CHALLENGE_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient callbacks = HttpClient.newBuilder().connectTimeout(CHALLENGE_TIMEOUT).build();

    private MiniMaxSimulator(SimulatorSettings settings) {
        super(settings);
        Map<String, com.sun.net.httpserver.HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/v1/video_generation", this::create);
        routes.put("/v1/query/video_generation", this::status);
        routes.put("/v1/files/retrieve", this::retrieve);
        routes.put("/cdn/", downloads());
        start(routes);
    }

    /** A MiniMax on a loopback port, running until closed. */
    public static MiniMaxSimulator start(SimulatorSettings settings) {
        return new MiniMaxSimulator(settings);
    }

    private void create(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            respond(exchange, 405, null, new byte[0]);
            return;
        }
        String account = bearer(exchange);
        if (account == null || !settings.apiKeys().contains(account)) {
            refuse(exchange, 1004, "authorized failed");
            return;
        }
        if (fault(false) == Fault.TRANSIENT) {
            refuse(exchange, 1000, "unknown error");
            return;
        }
        JsonNode body = body(exchange);
        String invalid = invalid(body);
        if (invalid != null) {
            refuse(exchange, 2013, "invalid params, " + invalid);
            return;
        }
        String prompt = text(body, "prompt") == null ? "" : text(body, "prompt");
        if (prompt.contains("[sim:moderation]")) {
            refuse(exchange, 1026, "input new_sensitive");
            return;
        }
        String callback = text(body, "callback_url");
        if (callback != null && !challengeAnswered(callback)) {
            refuse(exchange, 2013, "invalid params, callback_url did not echo the challenge");
            return;
        }
        if (takeCreate(account) != null) {
            refuse(exchange, 1002, "rate limit exceeded(RPM)");
            return;
        }
        SimulatedTask task = create(account, prompt, callback, prompt.contains("[sim:fail]") ? "Fail" : null);
        respondJson(exchange, 200, Map.of("task_id", task.id, "base_resp", ok()));
    }

    private static String invalid(JsonNode body) {
        if (body == null) {
            return "the body is not JSON";
        }
        String model = text(body, "model");
        if (model == null || !MODELS.containsKey(model)) {
            return "unknown model " + model;
        }
        String image = text(body, "first_frame_image");
        if (image == null || !(image.startsWith("data:image/") || image.startsWith("https://") || image.startsWith("http://"))) {
            return "first_frame_image must be a URL or a data URL";
        }
        Map<String, Set<Integer>> shapes = MODELS.get(model);
        String resolution = text(body, "resolution") == null ? shapes.keySet().iterator().next() : text(body, "resolution");
        int duration = body.has("duration") ? body.get("duration").asInt() : 6;
        if (!shapes.containsKey(resolution) || !shapes.get(resolution).contains(duration)) {
            return model + " does not make " + duration + " s at " + resolution;
        }
        String prompt = text(body, "prompt");
        return prompt != null && prompt.length() > 2000 ? "prompt longer than 2000 characters" : null;
    }

    private void status(HttpExchange exchange) throws IOException {
        String account = bearer(exchange);
        if (account == null || !settings.apiKeys().contains(account)) {
            refuse(exchange, 1004, "authorized failed");
            return;
        }
        switch (fault(true)) {
            case TRANSIENT -> refuse(exchange, 1024, "internal error");
            case MALFORMED -> respond(exchange, 200, "application/json",
                    "{\"task_id\":\"".getBytes(StandardCharsets.UTF_8));
            case NONE -> {
                SimulatedTask task = task(parameters(exchange).get("task_id"));
                if (task == null || !task.account.equals(account)) {
                    refuse(exchange, 2013, "invalid params, task_id not found");
                    return;
                }
                respondJson(exchange, 200, status(task));
            }
        }
    }

    private Map<String, Object> status(SimulatedTask task) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("task_id", task.id);
        SimulatedTask.Phase phase = task.phase(now());
        answer.put("status", switch (phase) {
            case WAITING -> "Queueing";
            case RUNNING -> task.progress(now()) < 0.1 ? "Preparing" : task.progress(now()) < 0.3 ? "Queueing" : "Processing";
            case SUCCEEDED -> "Success";
            case FAILED, CANCELLED -> "Fail";
        });
        if (phase == SimulatedTask.Phase.SUCCEEDED) {
            answer.put("file_id", "file-" + task.id);
            answer.put("video_width", 1280);
            answer.put("video_height", 720);
        }
        answer.put("base_resp", ok());
        return answer;
    }

    private void retrieve(HttpExchange exchange) throws IOException {
        String account = bearer(exchange);
        if (account == null || !settings.apiKeys().contains(account)) {
            refuse(exchange, 1004, "authorized failed");
            return;
        }
        String fileId = parameters(exchange).get("file_id");
        SimulatedTask task = fileId != null && fileId.startsWith("file-") ? task(fileId.substring(5)) : null;
        if (task == null || task.phase(now()) != SimulatedTask.Phase.SUCCEEDED) {
            refuse(exchange, 2013, "invalid params, file_id not found");
            return;
        }
        respondJson(exchange, 200, Map.of("file", Map.of("file_id", fileId, "bytes", settings.clip().length,
                "created_at", task.finishesAt.getEpochSecond(), "filename", fileId + ".mp4", "purpose", "video_generation",
                "download_url", downloadUrl(fileId)), "base_resp", ok()));
    }

    /** MiniMax's handshake: the callback URL must echo a random challenge within 3 s. */
    private boolean challengeAnswered(String callback) {
        URI target = uri(callback);
        if (target == null || target.getScheme() == null) {
            return false;
        }
        String challenge = UUID.randomUUID().toString();
        try {
            HttpResponse<String> answer = callbacks.send(HttpRequest.newBuilder(target).timeout(CHALLENGE_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"challenge\":\"" + challenge + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode echoed = json.readTree(answer.body());
            return answer.statusCode() == 200 && challenge.equals(text(echoed, "challenge"));
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    protected void onPhaseChange(SimulatedTask task) {
        URI target = uri(task.callbackUrl);
        if (target == null) {
            return;
        }
        Map<String, Object> body = status(task);
        // the documentation's callback text uses lower-case statuses where the query answers capitalised ones
        body.put("status", String.valueOf(body.get("status")).toLowerCase(java.util.Locale.ROOT));
        callbacks.sendAsync(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private void refuse(HttpExchange exchange, int code, String message) throws IOException {
        respondJson(exchange, 200, Map.of("base_resp", Map.of("status_code", code, "status_msg", message)));
    }

    private static Map<String, Object> ok() {
        return Map.of("status_code", 0, "status_msg", "success");
    }
}
