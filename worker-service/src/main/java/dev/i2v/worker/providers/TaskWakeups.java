package dev.i2v.worker.providers;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.VideoEngine.Attempt;

/**
 * The hosted jobs of this worker waiting between two polls of their task, by job and attempt: a provider's callback
 * ({@code ProviderCallbackReceived}) wakes the one it names, which then polls at once. Costs one small entry per
 * waiting job; a callback for a job this worker does not hold is dropped.
 */
public final class TaskWakeups {

    private record Key(UUID jobId, int attempt) {
    }

    private final Map<Key, Semaphore> waiting = new ConcurrentHashMap<>();

    /**
     * Waits up to {@code pause}, or less if a callback for this attempt arrives (one that came since the last wait
     * counts too).
     *
     * @return whether a callback ended the wait
     */
    public boolean await(Attempt attempt, Duration pause) {
        // a request outside a job (tests, benchmarks) cannot be called back about: it only waits
        Semaphore signal = attempt == null ? new Semaphore(0)
                : waiting.computeIfAbsent(new Key(attempt.jobId(), attempt.number()), k -> new Semaphore(0));
        try {
            boolean woken = signal.tryAcquire(pause.toNanos(), TimeUnit.NANOSECONDS);
            signal.drainPermits(); // several callbacks while we waited are one reason to poll
            return woken;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted", true, e);
        }
    }

    /** The attempt's task is over for this worker: its entry goes. */
    public void forget(Attempt attempt) {
        if (attempt != null) {
            waiting.remove(new Key(attempt.jobId(), attempt.number()));
        }
    }

    /** A callback named this attempt; true when a job here waits on it. */
    public boolean wake(UUID jobId, int attempt) {
        Semaphore signal = waiting.get(new Key(jobId, attempt));
        if (signal == null) {
            return false;
        }
        signal.release();
        return true;
    }

    /** Jobs waiting here now. */
    public int size() {
        return waiting.size();
    }
}
