package dev.i2v.gateway.providercallbacks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import dev.i2v.contracts.events.ProviderCallbackReceived;
import dev.i2v.contracts.events.Topics;
import dev.i2v.kit.callbacks.CallbackLinks;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.gateway.problems.GatewayException;

/**
 * Verifies a provider's callback and passes it to the workers. The link must be one a worker signed for this
 * provider (else 404, as for any unknown address); MiniMax's {@code challenge} is echoed; any other body must be
 * the provider's JSON and becomes a {@link ProviderCallbackReceived}, which makes the worker holding the attempt
 * query the task at once — the callback's own claims (status, result URL) are never used. A forged link is
 * refused, and so is a fal webhook without fal's Ed25519 signature ({@link FalSignatures}); the same callback again
 * within 15 minutes (a provider's duplicate, a replay) is acknowledged and dropped.
 */
@Service
class ProviderCallbackService {

    private static final Logger log = LoggerFactory.getLogger(ProviderCallbackService.class);

    /** Providers whose API can call back. Runway has no callbacks. */
    private static final Set<String> PROVIDERS = Set.of("minimax", "kling", "luma", "fal");

    private final CallbackLinks links;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final MeterRegistry meters;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RecentCallbacks recent = new RecentCallbacks(Duration.ofMinutes(15), 200_000);

    private final FalSignatures fal;

    ProviderCallbackService(InternalApiProperties internal, KafkaTemplate<String, String> kafka, JsonMapper json,
                            Clock clock, MeterRegistry meters, ProviderCallbackProperties properties) {
        this.links = new CallbackLinks(internal.token());
        this.fal = properties.falSignatures() == ProviderCallbackProperties.FalSignatures.OFF ? null
                : new FalSignatures(() -> fetch(properties.falJwksUrl()), json, clock, properties.falKeysMaxAge(),
                        properties.falTolerance());
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param signature fal's signature headers; ignored for the other providers, which do not sign
     * @param raw       the body as received (fal's signature covers its bytes)
     */
    Map<String, Object> receive(String provider, String token, FalSignatures.Headers signature, byte[] raw) {
        CallbackLinks.Target target = PROVIDERS.contains(provider) ? links.verify(provider, token).orElse(null) : null;
        if (target == null) {
            meters.counter("i2v.provider.callbacks", "provider", "unknown", "outcome", "refused").increment();
            log.warn("refused a provider callback to an address no worker made (provider '{}')", provider);
            throw GatewayException.notFound("callback address");
        }
        if ("fal".equals(provider) && fal != null) {
            try {
                fal.verify(signature, raw == null ? new byte[0] : raw);
            } catch (GatewayException e) {
                meters.counter("i2v.provider.callbacks", "provider", provider, "outcome", "bad_signature").increment();
                log.warn("refused a fal webhook for job {}: {}", target.jobId(), e.getMessage());
                throw e;
            }
        }
        String body = raw == null ? null : new String(raw, StandardCharsets.UTF_8);
        JsonNode node = parse(body);
        if (node.hasNonNull("challenge")) {
            // MiniMax checks the address before it accepts the task: the same value back, within 3 s
            meters.counter("i2v.provider.callbacks", "provider", provider, "outcome", "challenge").increment();
            return Map.of("challenge", node.get("challenge").asString());
        }
        if (!recent.firstTime(provider, token, body)) {
            meters.counter("i2v.provider.callbacks", "provider", provider, "outcome", "duplicate").increment();
            return Map.of("received", true, "duplicate", true);
        }
        publish(new ProviderCallbackReceived(UUID.randomUUID(), target.jobId(), target.attempt(), provider,
                taskId(provider, node), clock.instant()));
        meters.counter("i2v.provider.callbacks", "provider", provider, "outcome", "accepted").increment();
        return Map.of("received", true);
    }

    private static String fetch(URI url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw GatewayException.invalid("invalid_callback", "a callback must carry the provider's JSON body");
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw GatewayException.invalid("invalid_callback", "a callback's body must be a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw GatewayException.invalid("invalid_callback", "a callback's body must be JSON");
        }
    }

    /** The task the body names, as far as each provider's callback says it (for logs; the link is what counts). */
    private static String taskId(String provider, JsonNode body) {
        JsonNode id = switch (provider) {
            case "minimax" -> body.path("task_id");
            case "kling" -> body.has("task_id") ? body.path("task_id") : body.path("data").path("task_id");
            case "luma" -> body.path("id");
            case "fal" -> body.path("request_id");
            default -> body.path("id");
        };
        return id.isMissingNode() || id.isNull() ? null : id.asString();
    }

    /**
     * Waits for the broker (briefly): a provider whose callback fails retries it (Luma 3×, fal 10×), and the worker
     * polls anyway, so a callback that cannot be passed on is answered 503 rather than dropped silently.
     */
    private void publish(ProviderCallbackReceived event) {
        try {
            kafka.send(Topics.PROVIDER_CALLBACKS, event.jobId().toString(), json.writeValueAsString(event))
                    .get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GatewayException.unavailable("callbacks cannot be passed on now");
        } catch (ExecutionException | TimeoutException e) {
            log.warn("could not pass on a {} callback for job {}: {}", event.provider(), event.jobId(), e.toString());
            throw GatewayException.unavailable("callbacks cannot be passed on now");
        }
    }
}
