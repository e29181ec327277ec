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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
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
 * <p>
 * What a slot needs before its first poll — the topics, the share group's settings, its consumers in the group —
 * is prepared as soon as the beans exist, beside the rest of the start (web server, listeners): the group join
 * and assignment are round trips to the broker, not work, and they no longer sit between launch and the first
 * job. A record a consumer acquires before {@link #start} waits in its buffer for its slot's first poll, a second
 * or so later and far inside its acquisition lock; a start that fails closes the consumers, which hands it back.
 */
@Component
class DispatchConsumers implements SmartInitializingSingleton, SmartLifecycle, DisposableBean {

    /** Longer than the broker's default API timeout for one admin call; a broker this slow fails the start. */
    private static final long PREPARE_TIMEOUT_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(DispatchConsumers.class);

    private final KafkaProperties kafka;
    private final KafkaAdmin admin;
    private final WorkerProperties properties;
    private final JobRunner runner;
    private final RunningJobs running;
    private final JsonMapper json;
    private final String workerId;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean accepting;
    private CompletableFuture<List<Map<Lane, KafkaShareConsumer<String, String>>>> prepared;
    /** Shared by the slots: suspect jobs run alone (see {@link Slot}); fair, so a waiting suspect is not starved. */
    private final ReadWriteLock quarantine = new ReentrantReadWriteLock(true);

    DispatchConsumers(KafkaProperties kafka, KafkaAdmin admin, WorkerProperties properties, JobRunner runner,
                      RunningJobs running, JsonMapper json) {
        this.kafka = kafka;
        this.admin = admin;
        this.properties = properties;
        this.runner = runner;
        this.running = running;
        this.json = json;
        this.workerId = properties.workerId() == null || properties.workerId().isBlank() ? generatedId() : properties.workerId();
    }

    @Override
    public void afterSingletonsInstantiated() {
        // a daemon: a JVM that exits right after the refresh (an AOT training run) does not wait for the broker
        prepared = CompletableFuture.supplyAsync(this::prepare,
                task -> Thread.ofPlatform().name("dispatch-prepare").daemon().start(task));
    }

    /** The topics (the worker's KafkaAdmin does not create them at refresh), the group's settings, the consumers. */
    private List<Map<Lane, KafkaShareConsumer<String, String>>> prepare() {
        admin.initialize();
        ShareGroupSetup.apply(Map.of("bootstrap.servers", bootstrapServers()), properties);
        List<Map<Lane, KafkaShareConsumer<String, String>>> all = new ArrayList<>();
        for (int i = 0; i < properties.slots(); i++) {
            all.add(consumers());
        }
        return all;
    }

    @Override
    public void start() {
        List<Map<Lane, KafkaShareConsumer<String, String>>> consumers = awaitPrepared();
        accepting = true;
        for (int i = 0; i < properties.slots(); i++) {
            Thread thread = new Thread(new Slot(i, consumers.get(i), runner, running, json, properties, workerId,
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

    /** A start that failed before the slots took their consumers leaves them to be closed here. */
    @Override
    public void destroy() {
        if (threads.isEmpty() && prepared != null) {
            prepared.cancel(false);
            if (prepared.isDone() && !prepared.isCompletedExceptionally()) {
                prepared.join().forEach(lanes -> lanes.values().forEach(KafkaShareConsumer::close));
            }
        }
    }

    private List<Map<Lane, KafkaShareConsumer<String, String>>> awaitPrepared() {
        try {
            return prepared.get(PREPARE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the dispatch consumers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not prepare the dispatch consumers: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer the dispatch set-up within "
                    + PREPARE_TIMEOUT_SECONDS + " s", e);
        }
    }

    private Map<Lane, KafkaShareConsumer<String, String>> consumers() {
        Map<Lane, KafkaShareConsumer<String, String>> consumers = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            KafkaShareConsumer<String, String> consumer =
                    new KafkaShareConsumer<>(consumerConfig(lane));
            consumer.subscribe(List.of(Topics.dispatchTopic(lane)));
            startJoining(consumer);
            consumers.put(lane, consumer);
        }
        return consumers;
    }

    /**
     * A share consumer joins its group at its first poll, not at subscribe. A poll that does not wait starts the
     * join; it cannot have a record yet (the member has no assignment before the coordinator answers), and one it
     * had anyway is handed back rather than held by a slot that is not running.
     */
    private static void startJoining(KafkaShareConsumer<String, String> consumer) {
        ConsumerRecords<String, String> early = consumer.poll(Duration.ZERO);
        if (!early.isEmpty()) {
            early.forEach(record -> consumer.acknowledge(record, AcknowledgeType.RELEASE));
            consumer.commitSync(Duration.ofSeconds(10));
            log.warn("handed back {} job(s) polled before the worker started", early.count());
        }
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
