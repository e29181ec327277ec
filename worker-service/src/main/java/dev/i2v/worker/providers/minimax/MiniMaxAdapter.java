package dev.i2v.worker.providers.minimax;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderException;
import dev.i2v.worker.providers.ProviderException.Kind;
import dev.i2v.worker.providers.ProviderHttp;

/**
 * MiniMax (Hailuo): {@code POST /v1/video_generation}, {@code GET /v1/query/video_generation},
 * {@code GET /v1/files/retrieve}. Business errors come as HTTP 200 with a non-zero
 * {@code base_resp.status_code}; statuses come in mixed case. MiniMax has no cancel.
 */
public final class MiniMaxAdapter implements ProviderAdapter {

    /** The global endpoint; {@code https://api.minimaxi.com} serves mainland China. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.minimax.io");

    private static final Logger log = LoggerFactory.getLogger(MiniMaxAdapter.class);

    private static final Set<Integer> TRANSIENT = Set.of(1000, 1001, 1024, 1033, 1041);
    private static final Set<Integer> RATE_LIMITED = Set.of(1002, 2045);
    private static final Set<Integer> ACCOUNT = Set.of(1004, 2049, 1008, 2038, 2056);
    private static final Set<Integer> MODERATION = Set.of(1026, 1027);
    private static final Set<Integer> INVALID = Set.of(2013, 1039, 1042);
    private static final String INVALID_PARAMETERS = "2013";

    private final URI baseUrl;
    private final ProviderHttp http;

    public MiniMaxAdapter(URI baseUrl, ProviderHttp http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    @Override
    public String provider() {
        return "minimax";
    }

    @Override
    public String submit(ProviderRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", request.providerModel());
        body.put("first_frame_image", request.imageDataUri());
        body.put("prompt", request.prompt());
        body.put("prompt_optimizer", request.promptOptimizer());
        body.put("duration", request.durationSeconds());
        body.put("resolution", request.resolution());
        if (request.callbackUrl() == null) {
            return create(body);
        }
        // MiniMax first POSTs a challenge our gateway must echo within 3 s, then each status change
        body.put("callback_url", request.callbackUrl());
        try {
            return create(body);
        } catch (ProviderException e) {
            // 2013 (invalid parameters) is also what a callback address that failed MiniMax's challenge gets, and its
            // wording is not documented: any 2013 is tried once more without the callback. The refusal created
            // nothing, so the same task without a callback (picked up by polling) is no second task, and an input
            // that is really invalid is refused again, for good.
            if (!INVALID_PARAMETERS.equals(e.code())) {
                throw e;
            }
            log.warn("MiniMax refused a create with our callback address ({}); sending it once more without: its "
                    + "result will be polled. If this repeats, check that {} reaches the gateway", e.getMessage(),
                    hostOf(request.callbackUrl()));
            body.remove("callback_url");
            return create(body);
        }
    }

    private String create(Map<String, Object> body) {
        http.awaitCreateRate();
        JsonNode answer = create(HttpRequest.newBuilder(baseUrl.resolve("/v1/video_generation"))
                .header("Content-Type", "application/json").POST(http.body(body)));
        return http.createdId(answer.path("task_id"), "task_id");
    }

    /** The callback's host, for the operator's log line (the link's signature stays out of logs). */
    private static String hostOf(String link) {
        URI uri = URI.create(link);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    @Override
    public TaskState poll(String taskId) {
        JsonNode answer = call(HttpRequest.newBuilder(baseUrl.resolve("/v1/query/video_generation?task_id=" + encode(taskId))).GET());
        String status = answer.path("status").asString("").toLowerCase(Locale.ROOT);
        return switch (status) {
            case "preparing", "queueing", "processing" -> new TaskState.Pending(-1);
            case "success" -> new TaskState.Succeeded(downloadUrl(http.required(answer.path("file_id"), "file_id")));
            case "fail", "failed" -> new TaskState.Failed(new ProviderException(Kind.TRANSIENT, "Fail",
                    "MiniMax reported the generation failed"));
            default -> throw new ProviderException(Kind.TRANSIENT, "unknown_status", "unknown status '" + status + "'");
        };
    }

    @Override
    public InputStream download(String resultUrl) {
        return http.download(resultUrl);
    }

    private String downloadUrl(String fileId) {
        JsonNode answer = call(HttpRequest.newBuilder(baseUrl.resolve("/v1/files/retrieve?file_id=" + encode(fileId))).GET());
        return http.required(answer.path("file").path("download_url"), "download_url");
    }

    private JsonNode call(HttpRequest.Builder request) {
        JsonNode body = http.call(request);
        checkBaseResp(body.path("base_resp"));
        return body;
    }

    /** A task's creation: a refusal in {@code base_resp} created nothing; a lost answer is an unknown outcome. */
    private JsonNode create(HttpRequest.Builder request) {
        JsonNode body = http.create(request);
        checkBaseResp(body.path("base_resp"));
        return body;
    }

    private static void checkBaseResp(JsonNode baseResp) {
        int code = baseResp.path("status_code").asInt(0);
        if (code == 0) {
            return;
        }
        String message = baseResp.path("status_msg").asString("");
        Kind kind = TRANSIENT.contains(code) ? Kind.TRANSIENT : RATE_LIMITED.contains(code) ? Kind.RATE_LIMITED
                : ACCOUNT.contains(code) ? Kind.ACCOUNT : MODERATION.contains(code) ? Kind.MODERATION
                : INVALID.contains(code) ? Kind.INVALID_INPUT : Kind.TRANSIENT;
        throw new ProviderException(kind, Integer.toString(code), message,
                kind == Kind.RATE_LIMITED ? Duration.ofSeconds(12) : null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
