package dev.i2v.worker.dispatch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.Topics;
import dev.i2v.worker.WorkerProperties;

/**
 * What the dispatcher needs before its first poll — the topics, the share group's settings, its consumers (one per
 * lane) joined to the group — made on a thread of its own from the moment the configuration is known
 * ({@link DispatchPreinitializer}), so that these broker round trips overlap the context's refresh instead of
 * following it. A record a consumer acquires before the dispatcher starts waits in its buffer for its first
 * poll, far inside its acquisition lock; {@link #close} hands it back when the start fails.
 */
final class DispatchPreparation {

    /** Longer than the broker's default API timeout for one admin call; a broker this slow fails the start. */
    private static final long TIMEOUT_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(DispatchPreparation.class);

    private final String workerId;
    private final CompletableFuture<Map<Lane, KafkaShareConsumer<String, String>>> consumers;

    private DispatchPreparation(String workerId,
                                CompletableFuture<Map<Lane, KafkaShareConsumer<String, String>>> consumers) {
        this.workerId = workerId;
        this.consumers = consumers;
    }

    /**
     * Starts the set-up. {@code connection} is what every Kafka client of the worker gets (bootstrap servers,
     * security); the thread is a daemon, so a JVM that exits right after its refresh (an AOT cache's training run)
     * does not wait for the broker.
     */
    static DispatchPreparation start(Map<String, Object> connection, WorkerProperties properties) {
        String workerId = properties.workerId() == null || properties.workerId().isBlank()
                ? generatedId() : properties.workerId();
        CompletableFuture<Map<Lane, KafkaShareConsumer<String, String>>> consumers =
                CompletableFuture.supplyAsync(() -> prepare(connection, properties, workerId),
                        task -> Thread.ofPlatform().name("dispatch-prepare").daemon().start(task));
        return new DispatchPreparation(workerId, consumers);
    }

    /** How this worker names itself in reports and client ids: configured, or host name and a random suffix. */
    String workerId() {
        return workerId;
    }

    /** The worker's consumers, one per lane, subscribed and joining; waits for the set-up to finish. */
    Map<Lane, KafkaShareConsumer<String, String>> await() {
        try {
            return consumers.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the dispatch consumers", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not prepare the dispatch consumers: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not answer the dispatch set-up within "
                    + TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Closes consumers the dispatcher did not take (a start that failed); one still being made is dropped with the JVM. */
    void close() {
        consumers.cancel(false);
        if (consumers.isDone() && !consumers.isCompletedExceptionally()) {
            consumers.join().values().forEach(KafkaShareConsumer::close);
        }
    }

    private static Map<Lane, KafkaShareConsumer<String, String>> prepare(
            Map<String, Object> connection, WorkerProperties properties, String workerId) {
        try (Admin admin = Admin.create(connection)) {
            createMissingTopics(admin);
            ShareGroupSetup.apply(admin, properties);
        }
        return consumers(connection, workerId);
    }

    /** The worker's KafkaAdmin does not create them at refresh ({@code spring.kafka.admin.auto-create: false}). */
    private static void createMissingTopics(Admin admin) {
        List<NewTopic> topics = Topics.ALL.stream()
                .map(t -> new NewTopic(t.name(), Optional.of(t.partitions()), Optional.empty()))
                .toList();
        admin.createTopics(topics).values().forEach((name, created) -> {
            try {
                created.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topic " + name, e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the broker did not create topic " + name + " in time", e);
            }
        });
    }

    private static Map<Lane, KafkaShareConsumer<String, String>> consumers(Map<String, Object> connection,
                                                                           String workerId) {
        Map<Lane, KafkaShareConsumer<String, String>> consumers = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            KafkaShareConsumer<String, String> consumer = new KafkaShareConsumer<>(consumerConfig(connection,
                    workerId, lane));
            consumer.subscribe(List.of(Topics.dispatchTopic(lane)));
            startJoining(consumer);
            consumers.put(lane, consumer);
        }
        return consumers;
    }

    /**
     * A share consumer joins its group at its first poll, not at subscribe. A poll that does not wait starts the
     * join; it cannot have a record yet (the member has no assignment before the coordinator answers), and one it
     * had anyway is handed back rather than held by a dispatcher that is not running.
     */
    private static void startJoining(KafkaShareConsumer<String, String> consumer) {
        ConsumerRecords<String, String> early = consumer.poll(Duration.ZERO);
        if (!early.isEmpty()) {
            early.forEach(record -> consumer.acknowledge(record, AcknowledgeType.RELEASE));
            consumer.commitSync(Duration.ofSeconds(10));
            log.warn("handed back {} job(s) polled before the worker started", early.count());
        }
    }

    private static Map<String, Object> consumerConfig(Map<String, Object> connection, String workerId, Lane lane) {
        Map<String, Object> config = new HashMap<>(connection);
        config.put("group.id", Topics.workerShareGroup(lane));
        config.put("client.id", workerId + "-" + lane.wireName() + "-" + UUID.randomUUID().toString().substring(0, 4));
        config.put("share.acknowledgement.mode", "explicit");
        // one job per poll: a job the worker has no room for waits in its consumer, so it must not hoard several
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
