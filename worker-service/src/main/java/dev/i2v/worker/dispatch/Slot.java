package dev.i2v.worker.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.kit.TraceContexts;
import dev.i2v.worker.WorkerProperties;
import dev.i2v.worker.reporting.WorkReporter;

/**
 * One slot: takes a job from the lanes in priority order (every n-th time standard first, relaxed only
 * when both are empty), runs it on its own thread, renews the record's acquisition lock while it runs,
 * and acknowledges it once the outcome is on Kafka. If a renewal fails the lock is lost: the job is
 * stopped here, because another worker now owns it.
 */
final class Slot implements Runnable {

    private static final long CHECK_MILLIS = 200;

    /**
     * A job delivered before without an outcome may be what crashed a worker. It runs alone in this worker
     * (the write lock; ordinary jobs hold the read lock), so that if it crashes the worker again, no innocent
     * job shares its deliveries, and only the job that really crashes reaches the poison limit.
     */
    private final ReadWriteLock quarantine;

    private static final Logger log = LoggerFactory.getLogger(Slot.class);

    private final int index;
    private final Map<Lane, KafkaShareConsumer<String, String>> consumers;
    private final JobRunner runner;
    private final RunningJobs running;
    private final JsonMapper json;
    private final WorkerProperties properties;
    private final String workerId;
    private final BooleanSupplier accepting;
    private final ExecutorService work;
    private long taken;
    /** When the record being worked on (or waiting for its turn) must next have its lock renewed. */
    private long renewalDue;
    /** The latest instance of the record being worked on: each renewal hands out a new one. */
    private ConsumerRecord<String, String> current;

    Slot(int index, Map<Lane, KafkaShareConsumer<String, String>> consumers, JobRunner runner,
         RunningJobs running, JsonMapper json, WorkerProperties properties, String workerId, BooleanSupplier accepting,
         ReadWriteLock quarantine) {
        this.quarantine = quarantine;
        this.index = index;
        this.consumers = consumers;
        this.runner = runner;
        this.running = running;
        this.json = json;
        this.properties = properties;
        this.workerId = workerId;
        this.accepting = accepting;
        this.work = Executors.newSingleThreadExecutor(r -> new Thread(r, workerId + "-job-" + index));
    }

    @Override
    public void run() {
        try {
            while (accepting.getAsBoolean()) {
                takeOne(consumers);
            }
        } catch (RuntimeException e) {
            log.error("slot {} stopped by an unexpected error", index, e);
        } finally {
            work.shutdownNow();
            consumers.values().forEach(KafkaShareConsumer::close);
        }
    }

    private void takeOne(Map<Lane, KafkaShareConsumer<String, String>> consumers) {
        boolean standardFirst = taken % properties.standardEvery() == properties.standardEvery() - 1;
        List<Lane> order = standardFirst ? List.of(Lane.STANDARD, Lane.PRIORITY, Lane.RELAXED)
                : List.of(Lane.PRIORITY, Lane.STANDARD, Lane.RELAXED);
        for (Lane lane : order) {
            KafkaShareConsumer<String, String> consumer = consumers.get(lane);
            for (ConsumerRecord<String, String> record : consumer.poll(properties.pollTimeout())) {
                taken++;
                handle(consumer, record);
                return;
            }
        }
    }

    private void handle(KafkaShareConsumer<String, String> consumer, ConsumerRecord<String, String> record) {
        JobDispatched job;
        try {
            job = json.readValue(record.value(), JobDispatched.class);
        } catch (JacksonException e) {
            log.error("unreadable dispatch record {}-{}@{} rejected", record.topic(), record.partition(), record.offset(), e);
            acknowledge(consumer, record, AcknowledgeType.REJECT);
            return;
        }
        int delivery = record.deliveryCount().map(Short::intValue).orElse(1);
        if (delivery > properties.poisonDeliveries()) {
            AcknowledgeType outcome = AcknowledgeType.ACCEPT;
            try {
                runner.refusePoison(job, delivery);
            } catch (WorkReporter.ReportFailed e) {
                outcome = AcknowledgeType.RELEASE;
            }
            acknowledge(consumer, record, outcome);
            return;
        }
        Header trace = record.headers().lastHeader(TraceContexts.TRACEPARENT);
        String traceparent = trace == null ? null : new String(trace.value(), StandardCharsets.US_ASCII);
        Lock turn = delivery > 1 ? quarantine.writeLock() : quarantine.readLock();
        current = record;
        renewalDue = System.nanoTime() + renewInterval();
        if (!awaitTurn(consumer, turn, job, delivery)) {
            return;
        }
        try {
            Future<?> result = work.submit(() -> runner.run(job, delivery, workerId, traceparent));
            running.add(job.jobId(), result);
            try {
                AcknowledgeType outcome = await(consumer, result, job);
                if (outcome != null) {
                    acknowledge(consumer, current, outcome);
                }
            } finally {
                running.remove(job.jobId());
            }
        } finally {
            turn.unlock();
        }
    }

    /**
     * Waits for the job's turn (alone, or beside other ordinary jobs), renewing the record's lock meanwhile;
     * false when the record was lost or handed back while waiting.
     */
    private boolean awaitTurn(KafkaShareConsumer<String, String> consumer, Lock turn,
                              JobDispatched job, int delivery) {
        try {
            while (!turn.tryLock(CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!accepting.getAsBoolean()) {
                    acknowledge(consumer, current, AcknowledgeType.RELEASE);
                    return false;
                }
                if (!renewIfDue(consumer)) {
                    log.warn("lost the lock of job {} while it waited for its turn", job.jobId());
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acknowledge(consumer, current, AcknowledgeType.RELEASE);
            return false;
        }
        if (delivery > 1) {
            log.info("job {} delivered {} times: running it alone in this worker", job.jobId(), delivery);
        }
        return true;
    }

    /** Waits for the job, renewing its lock; returns how to acknowledge it, or null if the lock is lost. */
    private AcknowledgeType await(KafkaShareConsumer<String, String> consumer, Future<?> result, JobDispatched job) {
        long stopRequestedAt = 0;
        while (true) {
            try {
                // short waits, so a drain is noticed at once and its grace measured from then
                result.get(CHECK_MILLIS, TimeUnit.MILLISECONDS);
                return AcknowledgeType.ACCEPT;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (!accepting.getAsBoolean()) {
                    stopRequestedAt = stopRequestedAt == 0 ? now : stopRequestedAt;
                    if (now - stopRequestedAt > properties.drainGrace().toNanos()) {
                        log.info("shutting down: handing job {} back to the group", job.jobId());
                        result.cancel(true);
                        return AcknowledgeType.RELEASE;
                    }
                }
                if (!renewIfDue(consumer)) {
                    log.warn("lost the lock of job {}: stopping it, another worker owns it now", job.jobId());
                    result.cancel(true);
                    return null;
                }
            } catch (CancellationException e) {
                return AcknowledgeType.ACCEPT; // stopped because the job ended elsewhere
            } catch (ExecutionException e) {
                if (e.getCause() instanceof WorkReporter.ReportFailed) {
                    log.warn("job {}: {}; handing it back to the group", job.jobId(), e.getCause().getMessage());
                } else {
                    log.error("job {} crashed its runner; handing it back to the group", job.jobId(), e.getCause());
                }
                return AcknowledgeType.RELEASE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                result.cancel(true);
                return AcknowledgeType.RELEASE;
            }
        }
    }

    /** A third of the acquisition lock: two renewals may fail before the lock runs out. */
    private long renewInterval() {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(500, properties.lockDuration().toMillis() / 3));
    }

    /** Renews the record's lock when a renewal is due; false when that renewal failed (the lock is lost). */
    private boolean renewIfDue(KafkaShareConsumer<String, String> consumer) {
        if (System.nanoTime() < renewalDue) {
            return true;
        }
        renewalDue = System.nanoTime() + renewInterval();
        return renew(consumer);
    }

    /** RENEW, commit, and take back the renewed instance of the record, which must be acknowledged next. */
    private boolean renew(KafkaShareConsumer<String, String> consumer) {
        try {
            consumer.acknowledge(current, AcknowledgeType.RENEW);
            if (failed(consumer.commitSync(Duration.ofSeconds(10)))) {
                return false;
            }
            for (ConsumerRecord<String, String> again : consumer.poll(Duration.ofMillis(100))) {
                if (again.offset() == current.offset() && again.partition() == current.partition()) {
                    current = again;
                } else {
                    // not expected with one record per poll; never keep a second job
                    consumer.acknowledge(again, AcknowledgeType.RELEASE);
                }
            }
            return true;
        } catch (KafkaException | IllegalStateException e) {
            log.warn("renewing a lock failed: {}", e.toString());
            return false;
        }
    }

    private static boolean failed(Map<TopicIdPartition, Optional<KafkaException>> results) {
        return results.values().stream().anyMatch(Optional::isPresent);
    }

    private void acknowledge(KafkaShareConsumer<String, String> consumer, ConsumerRecord<String, String> record,
                             AcknowledgeType type) {
        try {
            consumer.acknowledge(record, type);
            consumer.commitSync(Duration.ofSeconds(10));
        } catch (KafkaException | IllegalStateException e) {
            // the lock expired meanwhile: the record went back to the group, and fencing handles the rest
            log.warn("acknowledging {} as {} failed: {}", record.offset(), type, e.toString());
        }
    }
}
