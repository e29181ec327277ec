package dev.i2v.simulator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.databind.JsonNode;

/**
 * Runway's API as its documentation and SDK describe it: {@code X-Runway-Version: 2024-11-06} required, errors as
 * HTTP statuses with {@code {"error": ...}} (400 invalid, 401 key, 429 daily quota, 502/503 load shedding), tasks
 * {@code PENDING → THROTTLED} (over the account's concurrency: queued, not refused) {@code → RUNNING → SUCCEEDED |
 * FAILED}, and {@code DELETE /v1/tasks/{id}}, which cancels an open task or deletes a finished one (either way it
 * cannot be fetched again). No webhooks. A prompt containing {@code [sim:moderation]} fails with
 * {@code SAFETY.INPUT.TEXT}; {@code [sim:fail]} with {@code INTERNAL.BAD_OUTPUT.CODE01}. Billed: each task that
 * produced a video.
 */
public final class RunwaySimulator extends SimulatedProvider {

    static final String VERSION = "2024-11-06";
    private static final Set<String> GEN4_RATIOS = Set.of("1280:720", "720:1280", "1104:832", "832:1104", "960:960",
            "1584:672");
    private static final Set<String> VEO_RATIOS = Set.of("1280:720", "720:1280", "1080:1920", "1920:1080");

    private RunwaySimulator(SimulatorSettings settings) {
        super(settings);
        Map<String, com.sun.net.httpserver.HttpHandler> routes = new LinkedHashMap<>();
        routes.put("/v1/image_to_video", this::create);
        routes.put("/v1/tasks/", this::task);
        routes.put("/cdn/", downloads());
        start(routes);
    }

    /** A Runway on a loopback port, running until closed. */
    public static RunwaySimulator start(SimulatorSettings settings) {
        return new RunwaySimulator(settings);
    }

    private void create(HttpExchange exchange) throws IOException {
        String account = authorised(exchange);
        if (account == null) {
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            error(exchange, 405, "Method not allowed");
            return;
        }
        if (fault(false) == Fault.TRANSIENT) {
            error(exchange, 503, "Service temporarily unavailable");
            return;
        }
        JsonNode body = body(exchange);
        String invalid = invalid(body);
        if (invalid != null) {
            error(exchange, 400, invalid);
            return;
        }
        if (takeCreate(account) != null) {
            error(exchange, 429, "You have exceeded your daily generation limit");
            return;
        }
        String prompt = text(body, "promptText") == null ? "" : text(body, "promptText");
        String failure = prompt.contains("[sim:moderation]") ? "SAFETY.INPUT.TEXT"
                : prompt.contains("[sim:fail]") ? "INTERNAL.BAD_OUTPUT.CODE01" : null;
        SimulatedTask task = create(account, prompt, null, failure);
        respondJson(exchange, 200, Map.of("id", task.id));
    }

    private static String invalid(JsonNode body) {
        if (body == null) {
            return "Request body is not valid JSON";
        }
        String model = text(body, "model");
        Set<String> ratios = switch (model == null ? "" : model) {
            case "gen4_turbo", "gen4.5" -> GEN4_RATIOS;
            case "veo3.1", "veo3.1_fast", "veo3" -> VEO_RATIOS;
            default -> null;
        };
        if (ratios == null) {
            return "Invalid model: " + model;
        }
        JsonNode image = body.get("promptImage");
        if (image == null || image.isNull() || (image.isString() && image.asString().isBlank())) {
            return "promptImage is required";
        }
        if (!ratios.contains(text(body, "ratio"))) {
            return "Invalid ratio for " + model + ": " + text(body, "ratio");
        }
        int duration = body.has("duration") ? body.get("duration").asInt() : 5;
        boolean durationOk = model.startsWith("gen4") ? duration >= 2 && duration <= 10
                : model.equals("veo3") ? duration == 8 : Set.of(4, 6, 8).contains(duration);
        if (!durationOk) {
            return "Invalid duration for " + model + ": " + duration;
        }
        String prompt = text(body, "promptText");
        return prompt != null && prompt.length() > 1000 ? "promptText must be at most 1000 characters" : null;
    }

    private void task(HttpExchange exchange) throws IOException {
        String account = authorised(exchange);
        if (account == null) {
            return;
        }
        String id = exchange.getRequestURI().getPath().substring("/v1/tasks/".length());
        SimulatedTask task = task(id);
        if (task == null || !task.account.equals(account)) {
            error(exchange, 404, "Task not found");
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET" -> {
                switch (fault(true)) {
                    case TRANSIENT -> error(exchange, 502, "Bad gateway");
                    case MALFORMED -> respond(exchange, 200, "application/json", "<html>".getBytes());
                    case NONE -> respondJson(exchange, 200, view(task));
                }
            }
            case "DELETE" -> {
                cancel(task);
                delete(task);
                respond(exchange, 204, null, new byte[0]);
            }
            default -> error(exchange, 405, "Method not allowed");
        }
    }

    private Map<String, Object> view(SimulatedTask task) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", task.id);
        answer.put("createdAt", task.createdAt.toString());
        SimulatedTask.Phase phase = task.phase(now());
        switch (phase) {
            case WAITING -> answer.put("status", task.startedAt == null && settings.maxConcurrent() > 0 ? "THROTTLED" : "PENDING");
            case RUNNING -> {
                answer.put("status", "RUNNING");
                answer.put("progress", Math.round(task.progress(now()) * 100) / 100.0);
            }
            case SUCCEEDED -> {
                answer.put("status", "SUCCEEDED");
                answer.put("output", List.of(downloadUrl("task-" + task.id)));
            }
            case FAILED -> {
                answer.put("status", "FAILED");
                answer.put("failure", "The generation failed");
                answer.put("failureCode", task.failure);
            }
            case CANCELLED -> answer.put("status", "CANCELLED");
        }
        return answer;
    }

    /** The account of a request with a good key and version, or null after refusing it. */
    private String authorised(HttpExchange exchange) throws IOException {
        String account = bearer(exchange);
        if (account == null || !settings.apiKeys().contains(account)) {
            error(exchange, 401, "Invalid API key");
            return null;
        }
        if (!VERSION.equals(exchange.getRequestHeaders().getFirst("X-Runway-Version"))) {
            error(exchange, 400, "The X-Runway-Version header is required and must be " + VERSION);
            return null;
        }
        return account;
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        respondJson(exchange, status, Map.of("error", message));
    }
}
