package dev.i2v.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Pins down how RENEW behaves on this broker, because the workers rely on it: a record renewed past
 * several lock durations stays with its consumer, comes back from poll as a new instance, keeps its
 * delivery count, and polling for it acquires no other record.
 */
class ShareLockRenewalIT {

    private final TestServers servers = TestServers.shared();

    @Test
    void aRenewedRecordStaysWithItsConsumerAcrossManyLockDurations() throws Exception {
        String topic = "renew-test";
        String group = "renewers";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, group), List.of(
                    new AlterConfigOp(new ConfigEntry("share.auto.offset.reset", "earliest"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("share.record.lock.duration.ms", "15000"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("share.renew.acknowledge.enable", "true"), AlterConfigOp.OpType.SET))))
                    .all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                servers.kafkaBootstrapServers(), "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "job-" + i)).get();
            }
        }
        try (KafkaShareConsumer<String, String> holder = new KafkaShareConsumer<>(props(group));
             KafkaShareConsumer<String, String> other = new KafkaShareConsumer<>(props(group))) {
            holder.subscribe(List.of(topic));
            other.subscribe(List.of(topic));
            ConsumerRecord<String, String> held = null;
            while (held == null) {
                for (ConsumerRecord<String, String> r : holder.poll(Duration.ofMillis(500))) {
                    held = r;
                }
            }
            List<String> seenByOther = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(22).toNanos(); // past a 15 s lock
            while (System.nanoTime() < until) {
                holder.acknowledge(held, AcknowledgeType.RENEW);
                holder.commitSync();
                ConsumerRecord<String, String> again = null;
                for (ConsumerRecord<String, String> r : holder.poll(Duration.ofMillis(200))) {
                    assertThat(r.offset()).as("polling for the renewed record acquires nothing else").isEqualTo(held.offset());
                    again = r;
                }
                if (again != null) {
                    held = again;
                }
                for (ConsumerRecord<String, String> r : other.poll(Duration.ofMillis(300))) {
                    seenByOther.add(r.value());
                    other.acknowledge(r, AcknowledgeType.ACCEPT);
                }
                other.commitSync();
                Thread.sleep(1000);
            }
            assertThat(seenByOther).doesNotContain(held.value());
            assertThat(held.deliveryCount()).hasValue((short) 1);
            holder.acknowledge(held, AcknowledgeType.ACCEPT);
            holder.commitSync();
        }
    }

    private Properties props(String group) {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers.kafkaBootstrapServers());
        p.put("group.id", group);
        p.put("share.acknowledgement.mode", "explicit");
        p.put("share.acquire.mode", "record_limit");
        p.put("max.poll.records", 1);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return p;
    }
}
