package dev.i2v.jobs.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.jobs.JobsProperties;

/**
 * {@code i2v_jobs_queued{lane}}: jobs accepted and not yet taken by a worker, per lane; {@code i2v_jobs_demand{lane}}:
 * what the autoscaler counts (jobs the scheduler admitted that wait for a worker, and running jobs of local models —
 * a job waiting for its account's turn would not start sooner on another worker); and the outbox's
 * backlog ({@code i2v_outbox_pending}, {@code i2v_outbox_lag_seconds}). Recounted from the tables at an
 * interval rather than on every scrape, so many scrapers cost one query.
 */
@Component
class QueueDepthGauges {

    private static final Logger log = LoggerFactory.getLogger(QueueDepthGauges.class);

    private final JdbcClient jdbc;
    private final Map<Lane, AtomicLong> queued = new EnumMap<>(Lane.class);
    private final Map<Lane, AtomicLong> demand = new EnumMap<>(Lane.class);
    /** Models a provider runs: their running jobs wait on the provider, not on a worker's CPU. */
    private final List<String> hosted = ModelCatalogue.all().stream()
            .filter(m -> !ModelCatalogue.LOCAL.equals(m.provider())).map(ModelSpec::id).toList();
    private final AtomicLong outboxPending = new AtomicLong();
    private final AtomicLong outboxLagMillis = new AtomicLong();

    QueueDepthGauges(JdbcClient jdbc, MeterRegistry registry, TaskScheduler scheduler, JobsProperties properties) {
        this.jdbc = jdbc;
        for (Lane lane : Lane.inStartOrder()) {
            AtomicLong depth = new AtomicLong();
            queued.put(lane, depth);
            Gauge.builder("i2v.jobs.queued", depth, AtomicLong::get).tag("lane", lane.wireName())
                    .description("jobs accepted and waiting to start").register(registry);
            AtomicLong wanted = new AtomicLong();
            demand.put(lane, wanted);
            Gauge.builder("i2v.jobs.demand", wanted, AtomicLong::get).tag("lane", lane.wireName())
                    .description("jobs that want a worker's CPU: admitted and not yet claimed, plus running ones of "
                            + "local models (the autoscaler's input; every replica reports the same count)")
                    .register(registry);
        }
        Gauge.builder("i2v.outbox.pending", outboxPending, AtomicLong::get)
                .description("events saved and not yet published to Kafka").register(registry);
        Gauge.builder("i2v.outbox.lag.seconds", outboxLagMillis, m -> m.get() / 1000.0)
                .description("age of the oldest event not yet published to Kafka").register(registry);
        scheduler.scheduleWithFixedDelay(this::recount, properties.queueMetricsInterval());
    }

    void recount() {
        try {
            Map<Lane, Long> counts = new EnumMap<>(Lane.class);
            jdbc.sql("select lane, count(*) from jobs where status = :queued group by lane")
                    .param("queued", JobStatus.QUEUED.wireName())
                    .query((rs, n) -> counts.put(Lane.fromWireName(rs.getString(1)), rs.getLong(2)))
                    .list();
            queued.forEach((lane, depth) -> depth.set(counts.getOrDefault(lane, 0L)));
            Map<Lane, Long> wanted = new EnumMap<>(Lane.class);
            jdbc.sql("""
                            select lane, count(*) from jobs
                             where (status = 'queued' and admitted_at is not null and next_attempt_at is null)
                                or (status = 'running' and model not in (:hosted))
                             group by lane""")
                    .param("hosted", hosted)
                    .query((rs, n) -> wanted.put(Lane.fromWireName(rs.getString(1)), rs.getLong(2)))
                    .list();
            demand.forEach((lane, count) -> count.set(wanted.getOrDefault(lane, 0L)));
            jdbc.sql("select count(*), coalesce(extract(epoch from now() - min(created_at)) * 1000, 0) from outbox")
                    .query((rs, n) -> {
                        outboxPending.set(rs.getLong(1));
                        outboxLagMillis.set(rs.getLong(2));
                        return null;
                    }).list();
        } catch (RuntimeException e) {
            // the gauge keeps its last value while the database is away; the next recount catches up
            log.warn("queue depth not recounted: {}", e.toString());
        }
    }
}
