package dev.i2v.credits.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import dev.i2v.credits.CreditsProperties;

/**
 * {@code i2v_points_total{movement}}: points granted, held, captured, released, expired and adjusted since
 * the ledger began, and {@code i2v_points_held}: points under open holds now. Summed from the ledger at an
 * interval, so they count committed movements only and never reset when a service restarts.
 */
@Component
class PointsMetrics {

    private static final Logger log = LoggerFactory.getLogger(PointsMetrics.class);
    private static final List<String> MOVEMENTS = List.of("grant", "hold", "capture", "release", "expiry", "adjustment");

    private final JdbcClient jdbc;
    private final Map<String, AtomicLong> totals = new ConcurrentHashMap<>();
    private final AtomicLong held = new AtomicLong();

    PointsMetrics(JdbcClient jdbc, MeterRegistry registry, TaskScheduler scheduler,
                  CreditsProperties properties) {
        this.jdbc = jdbc;
        for (String movement : MOVEMENTS) {
            AtomicLong total = new AtomicLong();
            totals.put(movement, total);
            FunctionCounter.builder("i2v.points", total, AtomicLong::get).tag("movement", movement)
                    .description("points moved by the ledger, by kind of movement").register(registry);
        }
        Gauge.builder("i2v.points.held", held, AtomicLong::get).description("points under open holds").register(registry);
        scheduler.scheduleWithFixedDelay(this::recount, properties.metricsInterval());
    }

    void recount() {
        try {
            jdbc.sql("select kind, coalesce(sum(amount), 0) from ledger_entries group by kind").query((rs, n) -> {
                AtomicLong total = totals.get(rs.getString(1));
                if (total != null) {
                    total.set(rs.getLong(2));
                }
                return null;
            }).list();
            held.set(jdbc.sql("select coalesce(sum(amount), 0) from holds where status = 'held'").query(Long.class).single());
        } catch (RuntimeException e) {
            log.warn("points metrics not recounted: {}", e.toString());
        }
    }
}
