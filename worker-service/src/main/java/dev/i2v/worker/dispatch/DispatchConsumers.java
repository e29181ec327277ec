package dev.i2v.worker.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.Topics;
import dev.i2v.worker.WorkerProperties;

/**
 * The worker's slots: each a thread with a share consumer per lane (consumers are not thread-safe),
 * running one job at a time. On shutdown a slot finishes or hands back its job; a job acquired by a
 * worker that dies returns to the group when its acquisition lock expires.
 */
@Component
class DispatchConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchConsumers.class);

    private final KafkaProperties kafka;
    private final WorkerProperties properties;
    private final JobRunner runner;
    private final RunningJobs running;
    private final JsonMapper json;
    private final String workerId;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean accepting;
    /** Shared by the slots: suspect jobs run alone (see {@link Slot}); fair, so a waiting suspect is not starved. */
    private final ReadWriteLock quarantine = new ReentrantReadWriteLock(true);

    DispatchConsumers(KafkaProperties kafka, WorkerProperties properties, JobRunner runner, RunningJobs running,
                      JsonMapper json) {
        this.kafka = kafka;
        this.properties = properties;
        this.runner = runner;
        this.running = running;
        this.json = json;
        this.workerId = properties.workerId() == null || properties.workerId().isBlank() ? generatedId() : properties.workerId();
    }

    @Override
    public void start() {
        ShareGroupSetup.apply(Map.of("bootstrap.servers", bootstrapServers()), properties);
        accepting = true;
        for (int i = 0; i < properties.slots(); i++) {
            Thread thread = new Thread(new Slot(i, this::consumers, runner, running, json, properties, workerId,
                    () -> accepting, quarantine), workerId + "-slot-" + i);
            threads.add(thread);
            thread.start();
        }
        log.info("worker {} takes jobs with {} slots from share group {}", workerId, properties.slots(),
                Topics.WORKER_SHARE_GROUP);
    }

    /**
     * The drain: slots stop taking jobs; a running job gets {@code drain-grace} to finish, then is handed
     * back to the group, where another worker takes it.
     */
    @Override
    public void stop() {
        accepting = false;
        log.info("draining: no new jobs; {} running get {} to finish before they are handed back", running.size(),
                properties.drainGrace());
        for (Thread thread : threads) {
            try {
                thread.join(properties.drainGrace().plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    private Map<Lane, KafkaShareConsumer<String, String>> consumers() {
        Map<Lane, KafkaShareConsumer<String, String>> consumers = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            KafkaShareConsumer<String, String> consumer =
                    new KafkaShareConsumer<>(consumerConfig(lane));
            consumer.subscribe(List.of(Topics.dispatchTopic(lane)));
            consumers.put(lane, consumer);
        }
        return consumers;
    }

    private String bootstrapServers() {
        return String.join(",", kafka.getBootstrapServers());
    }

    private Map<String, Object> consumerConfig(Lane lane) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("group.id", Topics.WORKER_SHARE_GROUP);
        config.put("client.id", workerId + "-" + lane.wireName() + "-" + UUID.randomUUID().toString().substring(0, 4));
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
}
