package dev.i2v.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One raw call to the gateway, and its whole answer (status, headers, bytes): for tests that check
 * headers, content types and non-JSON bodies, or send bodies no well-behaved client would.
 */
public final class ApiCall {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private byte[] body;
    private Duration timeout = Duration.ofSeconds(60);

    private ApiCall(String baseUrl, String method, String path) {
        this.baseUrl = baseUrl;
        this.method = method;
        this.path = path;
    }

    /** A call to the service at {@code baseUrl} (e.g. a second gateway replica). */
    public static ApiCall to(String baseUrl, String method, String path) {
        return new ApiCall(baseUrl, method, path);
    }

    public static ApiCall to(LocalStack stack, String method, String path) {
        return new ApiCall(stack.config().gatewayUrl(), method, path);
    }

    public ApiCall key(String key) {
        return header("Authorization", "Bearer " + key);
    }

    public ApiCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiCall timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public ApiCall json(String json) {
        return body("application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public ApiCall form(Multipart form) {
        return body(form.contentType(), form.bytes());
    }

    public ApiCall body(String contentType, byte[] bytes) {
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        this.body = bytes;
        return this;
    }

    public Reply send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A whole answer. */
    public record Reply(int status, HttpHeaders headers, byte[] bytes) {

        public JsonNode json() {
            return StackClient.JSON.readTree(bytes);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String code() {
            return isProblem() ? json().path("code").asString(null) : null;
        }

        public boolean isProblem() {
            return contentType() != null && contentType().startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + new String(bytes, 0, Math.min(bytes.length, 400), StandardCharsets.UTF_8);
        }
    }
}
