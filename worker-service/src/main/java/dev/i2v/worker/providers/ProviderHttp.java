package dev.i2v.worker.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderException.Kind;

/**
 * The HTTP side every adapter shares: one client with timeouts, the provider's authorization header,
 * a token bucket for task creation, and the common meaning of HTTP statuses (429 → wait as
 * Retry-After says; 5xx, timeouts and unreadable answers → transient; 401/402/403 → our account;
 * other 4xx → invalid input). Adapters add their own body-level error codes on top.
 */
public final class ProviderHttp {

    private final String provider;
    private final Supplier<String> authorization;
    private final Duration timeout;
    private final JsonMapper json;
    private final Bucket createRate;
    private final HttpClient http;
    private final ErrorBodies errorBodies;

    /** Reads a provider's own error codes from the JSON body of a non-2xx answer; {@code null} when it has none. */
    @FunctionalInterface
    public interface ErrorBodies {
        ProviderException read(int status, JsonNode body);
    }

    public ProviderHttp(String provider, Supplier<String> authorization, int createsPerMinute, Duration timeout,
                        JsonMapper json) {
        this(provider, authorization, createsPerMinute, timeout, json, (status, body) -> null);
    }

    /**
     * @param authorization    the {@code Authorization} header value, asked for on every call (tokens may rotate)
     * @param createsPerMinute how many tasks the account may create a minute
     */
    public ProviderHttp(String provider, Supplier<String> authorization, int createsPerMinute, Duration timeout,
                        JsonMapper json, ErrorBodies errorBodies) {
        this.errorBodies = errorBodies;
        this.provider = provider;
        this.authorization = authorization;
        this.timeout = timeout;
        this.json = json;
        this.createRate = Bucket.builder().addLimit(Bandwidth.builder().capacity(createsPerMinute)
                .refillGreedy(createsPerMinute, Duration.ofMinutes(1)).build()).build();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public JsonMapper json() {
        return json;
    }

    /** A JSON request body. */
    public HttpRequest.BodyPublisher body(Object value) {
        return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(value));
    }

    /** Waits for the account's creation rate, so a burst of jobs queues instead of being refused. */
    public void awaitCreateRate() {
        try {
            createRate.asBlocking().consume(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /** One API call returning JSON (or an empty object for an empty body), with HTTP errors mapped. */
    public JsonNode call(HttpRequest.Builder request) {
        return parse(send(request).body(),
                () -> new ProviderException(Kind.TRANSIENT, "malformed", provider + "'s answer is not JSON"));
    }

    /** An answer's JSON (an empty object for an empty body), or {@code malformed} when it is not JSON. */
    private JsonNode parse(String body, Supplier<ProviderException> malformed) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw malformed.get();
        }
    }

    /**
     * The one call that costs money: a task's creation. A refusal (an error status, a provider's error code read
     * by the adapter) means nothing was created and maps as {@link #call} maps it; so does a connection that was
     * never made. But an answer that never came after the request went out (timeout, connection dropped) or that
     * cannot be read means a task may exist: {@link Kind#OUTCOME_UNKNOWN}, and the create is not sent again.
     */
    public JsonNode create(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = exchange(request);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ProviderException(Kind.TRANSIENT, "connect", provider + " unreachable: " + e);
        } catch (IOException e) {
            throw outcomeUnknown("the create's answer was lost (" + e + ")");
        }
        return parse(checked(response).body(), () -> outcomeUnknown("the create's answer is not JSON"));
    }

    /** The id of a task a create answered with; an answer without it leaves the task's existence unknown. */
    public String createdId(JsonNode node, String what) {
        String value = node.asString("");
        if (value.isBlank()) {
            throw outcomeUnknown("the create's answer had no " + what);
        }
        return value;
    }

    private ProviderException outcomeUnknown(String why) {
        return new ProviderException(Kind.OUTCOME_UNKNOWN, "outcome_unknown", provider + ": " + why
                + "; a task may exist at " + provider + ", so it is not created again");
    }

    /** One API call; a status outside 2xx becomes a typed failure. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return checked(exchange(request));
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "io", provider + " unreachable: " + e.getMessage());
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.timeout(timeout).header("Authorization", authorization.get())
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    private HttpResponse<String> checked(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status / 100 == 2) {
            return response;
        }
        String retryAfter = response.headers().firstValue("Retry-After").orElse(null);
        ProviderException specific = status == 429 && retryAfter != null ? null : specific(status, response.body());
        throw specific != null ? specific : failure(status, response.body(), retryAfter);
    }

    private ProviderException specific(int status, String body) {
        try {
            return body == null || body.isBlank() ? null : errorBodies.read(status, json.readTree(body));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** What an HTTP error status means, whatever the provider. */
    public ProviderException failure(int status, String body, String retryAfter) {
        String code = "HTTP " + status;
        String message = provider + " answered " + status + (body == null || body.isBlank() ? "" : ": " + abbreviate(body));
        if (status == 429) {
            return new ProviderException(Kind.RATE_LIMITED, code, message, retryAfter(retryAfter));
        }
        if (status >= 500 || status == 408 || status == 404 || status == 409) {
            return new ProviderException(Kind.TRANSIENT, code, message);
        }
        if (status == 401 || status == 402 || status == 403) {
            return new ProviderException(Kind.ACCOUNT, code, message);
        }
        return new ProviderException(Kind.INVALID_INPUT, code, message);
    }

    /** Opens a result for download; 403/404/410 mean the URL has expired. No authorization is sent. */
    public InputStream download(String url) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            if (status == 200) {
                return response.body();
            }
            response.body().close();
            throw new ProviderException(status == 403 || status == 404 || status == 410 ? Kind.EXPIRED : Kind.TRANSIENT,
                    "HTTP " + status, "downloading the result answered " + status);
        } catch (IOException e) {
            throw new ProviderException(Kind.TRANSIENT, "io", "download failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /** A required text field of an answer; missing means the provider misbehaved (transient). */
    public String required(JsonNode node, String what) {
        String value = node.asString("");
        if (value.isBlank()) {
            throw new ProviderException(Kind.TRANSIENT, "missing_" + what, provider + "'s answer had no " + what);
        }
        return value;
    }

    static Duration retryAfter(String header) {
        try {
            return header == null ? null : Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ProviderException interrupted() {
        return new ProviderException(Kind.TRANSIENT, "interrupted", "interrupted");
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
