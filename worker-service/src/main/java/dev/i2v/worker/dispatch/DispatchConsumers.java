package dev.i2v.worker.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.Topics;
import dev.i2v.worker.WorkerProperties;
import dev.i2v.worker.reporting.WorkReporter;

/**
 * The worker's slots: each a thread with its own share consumer (consumers are not thread-safe),
 * acquiring one job at a time. On shutdown a slot finishes its job; a job acquired but not acknowledged
 * (crash) goes back to the group when its acquisition lock expires.
 */
@Component
class DispatchConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchConsumers.class);

    private final KafkaProperties kafka;
    private final WorkerProperties properties;
    private final JobRunner runner;
    private final JsonMapper json;
    private final String workerId;
    private final List<Slot> slots = new ArrayList<>();
    private volatile boolean running;

    DispatchConsumers(KafkaProperties kafka, WorkerProperties properties, JobRunner runner, JsonMapper json) {
        this.kafka = kafka;
        this.properties = properties;
        this.runner = runner;
        this.json = json;
        this.workerId = properties.workerId() == null || properties.workerId().isBlank() ? generatedId() : properties.workerId();
    }

    @Override
    public void start() {
        ShareGroupSetup.apply(Map.of("bootstrap.servers", bootstrapServers()), properties);
        running = true;
        for (int i = 0; i < properties.slots(); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            new Thread(slot, workerId + "-slot-" + i).start();
        }
        log.info("worker {} takes jobs with {} slots from share group {}", workerId, properties.slots(),
                Topics.WORKER_SHARE_GROUP);
    }

    @Override
    public void stop() {
        // no wakeup(): a slot notices within one poll timeout, and a job in progress is finished and acknowledged
        running = false;
        slots.forEach(Slot::awaitExit);
        slots.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("group.id", Topics.WORKER_SHARE_GROUP);
        config.put("client.id", workerId);
        config.put("share.acknowledgement.mode", "explicit");
        // one job per poll: an acquired job is locked to this slot, so a slot must not hoard several
        config.put("share.acquire.mode", "record_limit");
        config.put("max.poll.records", 1);
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", StringDeserializer.class.getName());
        return config;
    }

    private static String generatedId() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        } catch (UnknownHostException e) {
            return "worker-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /** One slot: a share consumer and the loop that runs its jobs. */
    private final class Slot implements Runnable {

        private final int index;
        private volatile Thread thread;

        Slot(int index) {
            this.index = index;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            try (KafkaShareConsumer<String, String> c = new KafkaShareConsumer<>(consumerConfig())) {
                c.subscribe(List.of(Topics.DISPATCH_PRIORITY, Topics.DISPATCH_STANDARD, Topics.DISPATCH_RELAXED));
                while (running) {
                    pollOnce(c);
                }
            } catch (RuntimeException e) {
                log.error("slot {} stopped by an unexpected error", index, e);
            }
        }

        private void pollOnce(KafkaShareConsumer<String, String> c) {
            for (ConsumerRecord<String, String> record : c.poll(properties.pollTimeout())) {
                c.acknowledge(record, handle(record));
            }
            c.commitSync(Duration.ofSeconds(10));
        }

        private AcknowledgeType handle(ConsumerRecord<String, String> record) {
            JobDispatched job;
            try {
                job = json.readValue(record.value(), JobDispatched.class);
            } catch (JacksonException e) {
                log.error("unreadable dispatch record at {}-{}@{} rejected", record.topic(), record.partition(),
                        record.offset(), e);
                return AcknowledgeType.REJECT;
            }
            try {
                runner.run(job, workerId);
                return AcknowledgeType.ACCEPT;
            } catch (WorkReporter.ReportFailed e) {
                log.warn("job {}: {}; handing it back to the group", job.jobId(), e.getMessage());
                return AcknowledgeType.RELEASE;
            }
        }

        void awaitExit() {
            Thread t = thread;
            if (t != null) {
                try {
                    t.join(Duration.ofSeconds(60).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
