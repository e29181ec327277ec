package dev.i2v.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;


/** For tests: reads a topic from its start and returns the values of one key's records, waiting until enough arrived. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    public static List<String> valuesFor(String topic, String key, int atLeast, Duration timeout) {
        return valuesFor(TestServers.shared().kafkaBootstrapServers(), topic, key, atLeast, timeout);
    }

    /** The same, on the broker at {@code bootstrapServers}; a null key takes every record. */
    public static List<String> valuesFor(String bootstrapServers, String topic, String key, int atLeast, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", "probe-" + UUID.randomUUID());
        p.put("auto.offset.reset", "earliest");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < atLeast && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(300))) {
                    if (key == null || key.equals(r.key())) {
                        values.add(r.value());
                    }
                }
            }
        }
        return values;
    }
}
