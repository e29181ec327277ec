package dev.i2v.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * One measured step of open-loop load.
 *
 * @param offeredPerSecond the arrival rate asked for
 * @param scheduled        requests scheduled in the measured window
 * @param ok               of those, answered 2xx
 * @param abandoned        the backlog grew past the limit and the step stopped early (overloaded)
 * @param latency          from each request's scheduled start to its answer, in nanoseconds
 * @param perSecond        latency histograms by second of the measured window, for latency over time
 */
public record Step(String name, double offeredPerSecond, long scheduled, long ok, long failed, double seconds,
                   boolean abandoned, Histogram latency, Map<Integer, Long> statuses, Map<Long, Histogram> perSecond) {

    /** Successful answers per second of the measured window. */
    public double achievedPerSecond() {
        return ok / seconds;
    }

    public double millis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
    }

    public double maxMillis() {
        return latency.getMaxValue() / 1e6;
    }

    /** Kept up: every request answered 2xx, the rate held, and p99 within {@code p99Millis}. */
    public boolean sustained(double p99Millis) {
        return !abandoned && failed == 0 && ok > 0 && millis(99) <= p99Millis
                && achievedPerSecond() >= 0.9 * offeredPerSecond;
    }

    /** The JSON form of the report. */
    public Map<String, Object> toMap() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("offered_per_second", offeredPerSecond);
        row.put("achieved_per_second", achievedPerSecond());
        row.put("scheduled", scheduled);
        row.put("ok", ok);
        row.put("failed", failed);
        row.put("abandoned", abandoned);
        row.put("p50_ms", millis(50));
        row.put("p90_ms", millis(90));
        row.put("p99_ms", millis(99));
        row.put("max_ms", maxMillis());
        row.put("statuses", statuses);
        return row;
    }
}
