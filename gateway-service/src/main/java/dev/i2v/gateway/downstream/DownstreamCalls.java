package dev.i2v.gateway.downstream;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.GatewayException;

/** How the gateway turns a downstream answer into its own. */
final class DownstreamCalls {

    private static final Logger log = LoggerFactory.getLogger(DownstreamCalls.class);

    private static final Set<String> STANDARD_FIELDS = Set.of("type", "title", "status", "detail", "instance", "code");

    private DownstreamCalls() {
    }

    /**
     * Runs a call. Statuses in {@code relayed} reach the client as the downstream said them; 404 becomes
     * the public not_found of {@code what}; anything else is the dependency being unavailable.
     */
    static <T> T call(String service, String what, Set<HttpStatus> relayed, JsonMapper json, Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            HttpStatusCode status = e.getStatusCode();
            if (status.value() == 404) {
                throw GatewayException.notFound(what);
            }
            if (relayed.contains(HttpStatus.resolve(status.value()))) {
                throw relay(HttpStatus.valueOf(status.value()), e.getResponseBodyAsString(), json);
            }
            throw GatewayException.unavailable(service);
        } catch (RestClientException e) {
            // connection refused, timeout, unreadable answer: the dependency is not usable right now
            log.warn("{} failed: {}", service, e.toString());
            throw GatewayException.unavailable(service);
        }
    }

    private static GatewayException relay(HttpStatus status, String body, JsonMapper json) {
        JsonNode problem = json.readTree(body);
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : problem.properties()) {
            if (!STANDARD_FIELDS.contains(field.getKey())) {
                extra.put(field.getKey(), json.treeToValue(field.getValue(), Object.class));
            }
        }
        return GatewayException.relayed(status, problem.path("code").asString("error"),
                problem.path("detail").asString(status.getReasonPhrase()), extra);
    }
}
