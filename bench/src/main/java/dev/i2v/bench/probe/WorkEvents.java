package dev.i2v.bench.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.i2v.contracts.events.Topics;
import dev.i2v.infra.KafkaProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * When workers started jobs: the {@code job_started} events on the broker, stamped by job-service when a worker's
 * claim of the job is recorded (the moment the worker has it and begins).
 */
public final class WorkEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkEvents() {
    }

    /** The first start of each job among the job events (at least {@code expected} of them, or what came). */
    public static Map<String, Instant> starts(String bootstrapServers, int expected) {
        Map<String, Instant> starts = new HashMap<>();
        for (String value : KafkaProbe.valuesFor(bootstrapServers, Topics.JOB_EVENTS, null, Integer.MAX_VALUE,
                Duration.ofSeconds(Math.max(5, expected / 200)))) {
            JsonNode event = JSON.readTree(value);
            if ("job_started".equals(event.path("type").asString(""))) {
                Instant at = instant(event.path("occurred_at"));
                starts.merge(event.path("job_id").asString(), at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return starts;
    }

    private static Instant instant(JsonNode node) {
        if (node.isNumber()) {
            double seconds = node.asDouble();
            return Instant.ofEpochSecond((long) seconds, Math.round((seconds - Math.floor(seconds)) * 1e9));
        }
        return Instant.parse(node.asString());
    }
}
