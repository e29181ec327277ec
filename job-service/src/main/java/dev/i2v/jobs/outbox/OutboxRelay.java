package dev.i2v.jobs.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

import dev.i2v.jobs.JobsProperties;
import dev.i2v.kit.CoalescingPasses;
import dev.i2v.kit.TraceContexts;

/**
 * Publishes outbox rows to Kafka. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * relays can run; a row is deleted only after Kafka acknowledged it, in the same transaction, so a
 * crash re-publishes rather than loses. Claiming unpublished rows (not reading past an offset) means
 * a row committed late is never skipped.
 * <p>
 * Besides the periodic pass, a transaction that appended rows {@linkplain #nudge() nudges} the relay once it
 * commits, so an event leaves at once instead of waiting up to an interval (the interval's average, 50 ms,
 * was a third of an idle job's submit-to-start time). Passes in one process never overlap: a nudge during a
 * pass makes that pass look once more, so rows are still published in commit order by one thread at a time.
 */
@Component
class OutboxRelay {

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate transactions;
    private final JobsProperties properties;

    private final TraceContexts traces;
    private final CoalescingPasses passes;

    OutboxRelay(JdbcClient jdbc, KafkaTemplate<String, String> kafka, TransactionTemplate transactions,
                JobsProperties properties, TraceContexts traces) {
        this.traces = traces;
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        this.passes = new CoalescingPasses("outbox-relay", this::publishAll);
    }

    /** Asks for a pass now (after a commit that appended rows); coalesces with a pass already running. */
    void nudge() {
        passes.nudge();
    }

    /** The safety net: rows a nudge missed (a crash between commit and nudge, another replica's commit). */
    @Scheduled(fixedDelayString = "${i2v.jobs.relay-interval:1s}")
    void relay() {
        passes.run();
    }

    private void publishAll() {
        int published;
        do {
            published = transactions.execute(status -> publishBatch());
        } while (published == properties.relayBatchSize());
    }

    @PreDestroy
    void stopNudges() {
        passes.close();
    }

    private int publishBatch() {
        List<Row> rows = jdbc.sql("""
                        select id, topic, message_key, payload, traceparent from outbox
                         order by id limit :limit for update skip locked
                        """)
                .param("limit", properties.relayBatchSize())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (Row row : rows) {
            // published in the trace the event was written in: the send's span (and header) continue it
            traces.run(row.traceparent(), "outbox publish", () -> sends.add(kafka.send(row.topic(), row.key(), row.payload())));
        }
        awaitAll(sends);
        jdbc.sql("delete from outbox where id in (:ids)").param("ids", rows.stream().map(Row::id).toList()).update();
        return rows.size();
    }

    private static void awaitAll(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
        }
    }

    private record Row(long id, String topic, String key, String payload, String traceparent) {
    }
}
