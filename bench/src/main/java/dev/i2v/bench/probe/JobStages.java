package dev.i2v.bench.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.Topics;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * Where the time between a submit leaving the client and a worker's claim goes, stage by stage, from what the stack
 * records anyway: job-service's {@code created_at} (the create call), {@code admitted_at} (the scheduler's pass),
 * the dispatch record's timestamp (set by the relay's producer when it sent it) and {@code started_at} (the
 * worker's claim recorded). All are stamped from the one machine's clock.
 */
public final class JobStages {

    /** The stages, in order; each is the time from the end of the one before. */
    public static final List<String> STAGES = List.of(
            "client → job created (gateway, hold, create)",
            "created → admitted (scheduler pass)",
            "admitted → dispatch record sent (relay)",
            "sent → claim recorded (broker, worker, claim call)");

    private JobStages() {
    }

    /** One histogram (nanoseconds) per stage, over the jobs of {@code sentAt} that have every stamp. */
    public static Map<String, Histogram> of(LocalStack stack, Map<String, Instant> sentAt) {
        Map<String, Instant> sent = dispatchSent(stack.kafkaBootstrapServers(), sentAt.keySet());
        String ids = sentAt.keySet().stream().map(id -> "'" + id + "'").collect(Collectors.joining(","));
        Map<String, Histogram> stages = new LinkedHashMap<>();
        STAGES.forEach(stage -> stages.put(stage, new Histogram(3)));
        for (String row : new StackDatabase(stack).rows("""
                select id, (extract(epoch from created_at) * 1000000)::bigint,
                       (extract(epoch from admitted_at) * 1000000)::bigint,
                       (extract(epoch from started_at) * 1000000)::bigint
                  from jobs.jobs where id in (%s) and admitted_at is not null and started_at is not null
                """.formatted(ids))) {
            String[] c = row.split(" ");
            Instant dispatched = sent.get(c[0]);
            if (dispatched == null) {
                continue;
            }
            List<Instant> marks = List.of(sentAt.get(c[0]), micros(c[1]), micros(c[2]), dispatched, micros(c[3]));
            for (int i = 0; i < STAGES.size(); i++) {
                stages.get(STAGES.get(i)).recordValue(Math.max(0, Duration.between(marks.get(i), marks.get(i + 1)).toNanos()));
            }
        }
        return stages;
    }

    /** The first dispatch record of each job: when the relay's producer stamped it. */
    private static Map<String, Instant> dispatchSent(String bootstrapServers, Set<String> jobs) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "bench-stages-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        Map<String, Instant> sent = new HashMap<>();
        List<String> topics = new ArrayList<>();
        for (Lane lane : Lane.values()) {
            topics.add(Topics.dispatchTopic(lane));
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (sent.size() < jobs.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (jobs.contains(r.key())) {
                        sent.merge(r.key(), Instant.ofEpochMilli(r.timestamp()), (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
        }
        return sent;
    }

    private static Instant micros(String value) {
        long micros = Long.parseLong(value);
        return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
    }
}
