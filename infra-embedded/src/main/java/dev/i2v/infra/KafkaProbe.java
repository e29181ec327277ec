package dev.i2v.infra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;


/** For tests: reads a topic from its start and returns the values of one key's records, waiting until enough arrived. */
public final class KafkaProbe {

    private KafkaProbe() {
    }

    public static List<String> valuesFor(String topic, String key, int atLeast, Duration timeout) {
        return valuesFor(TestServers.shared().kafkaBootstrapServers(), topic, key, atLeast, timeout);
    }

    /**
     * The same, on the broker at {@code bootstrapServers}; a null key takes every record. The topic's partitions are
     * assigned directly and read from their start: no consumer group, so no group join or rebalance to wait for.
     */
    public static List<String> valuesFor(String bootstrapServers, String topic, String key, int atLeast, Duration timeout) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("enable.auto.commit", "false");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
                try {
                    partitions = consumer.partitionsFor(topic, left).stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList();
                } catch (org.apache.kafka.common.errors.TimeoutException e) {
                    // the topic does not exist (yet): nothing to read until the deadline
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
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
