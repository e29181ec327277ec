package dev.i2v.bench.load;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends requests at a fixed arrival rate, evenly spaced, from a pool of blocking callers. A request whose
 * caller is not free yet waits in a queue, and its latency still counts from its scheduled start: what a
 * user arriving at that moment would have seen. A step is abandoned once the backlog exceeds
 * {@code maxBacklog} (the system is far past its capacity; waiting longer only measures the queue).
 */
public final class OpenLoop {

    /** One request; returns the HTTP status (or any code, 2xx meaning success). */
    @FunctionalInterface
    public interface Request {
        int call(long index) throws Exception;
    }

    private final int callers;
    private final int maxBacklog;

    /**
     * @param callers    threads making calls (the most requests in flight at once)
     * @param maxBacklog scheduled requests waiting for a caller beyond which the step is abandoned
     */
    public OpenLoop(int callers, int maxBacklog) {
        this.callers = callers;
        this.maxBacklog = maxBacklog;
    }

    /** Runs one step: {@code warmup} unrecorded, then {@code measured} recorded, at {@code perSecond}. */
    public Step run(String name, double perSecond, Duration warmup, Duration measured, Request request)
            throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(callers, callers, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), daemonThreads(name));
        Recorder recorder = new Recorder(3);
        Map<Long, Histogram> perSecondLatency = new ConcurrentHashMap<>();
        Map<Integer, Long> statuses = new ConcurrentHashMap<>();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long interval = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        boolean abandoned = false;
        long scheduled = 0;
        for (long i = 0; ; i++) {
            long intended = start + i * interval;
            if (intended >= end) {
                break;
            }
            if (pool.getQueue().size() > maxBacklog) {
                abandoned = true;
                break;
            }
            sleepUntil(intended);
            boolean recorded = intended >= measureFrom;
            scheduled += recorded ? 1 : 0;
            long index = i;
            pool.execute(() -> {
                int status;
                try {
                    status = request.call(index);
                } catch (Exception e) {
                    status = -1;
                }
                long latency = System.nanoTime() - intended;
                if (recorded) {
                    recorder.recordValue(latency);
                    statuses.merge(status, 1L, Long::sum);
                    (status >= 200 && status < 300 ? ok : failed).incrementAndGet();
                    long second = (intended - measureFrom) / 1_000_000_000L;
                    perSecondLatency.computeIfAbsent(second, s -> new Histogram(3)).recordValue(latency);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        return new Step(name, perSecond, scheduled, ok.get(), failed.get(), measured.toNanos() / 1e9, abandoned,
                recorder.getIntervalHistogram(), Map.copyOf(statuses), Map.copyOf(perSecondLatency));
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "bench-" + name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Runs {@code request} {@code count} times one after another (an idle system: no two in flight). */
    public static Histogram sequential(int count, Duration pause, Request request) throws Exception {
        Histogram histogram = new Histogram(3);
        for (int i = 0; i < count; i++) {
            long began = System.nanoTime();
            request.call(i);
            histogram.recordValue(System.nanoTime() - began);
            Thread.sleep(pause.toMillis());
        }
        return histogram;
    }
}
