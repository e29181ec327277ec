package dev.i2v.worker.providers;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * One way to serve a public model: a provider account, the provider's model id there, its place in the model's
 * route order, and the account's circuit breaker and open-task limit (both shared by every model the account
 * serves). A job is pinned to a route once its task exists there; before that it may move to the next one.
 *
 * @param name          the account's name ({@code i2v.providers.<name>}); recorded with the task, so a takeover
 *                      resumes the task on the same account
 * @param priority      lower goes first; routes of equal priority share new tasks by {@code weight}
 * @param open          the account's open-task limit on this worker; a job waits here for its turn
 */
public record ProviderRoute(String name, ProviderAdapter adapter, String providerModel, int priority, int weight,
                            Semaphore open, CircuitBreaker breaker) {

    /** A single route named by its adapter's provider, with a breaker that never opens: tests and one-route models. */
    public static ProviderRoute single(ProviderAdapter adapter, String providerModel, Semaphore open) {
        return new ProviderRoute(adapter.provider(), adapter, providerModel, 0, 1, open,
                CircuitBreaker.ofDefaults(adapter.provider()));
    }

    /** The provider answered as a working provider does (a task, a state, or a refusal of this input). */
    void worked(long startedNanos) {
        breaker.onSuccess(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** The provider failed us: unreachable, 5xx, unreadable, or our account refused. */
    void failed(long startedNanos, Throwable cause) {
        breaker.onError(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS, cause);
    }

    /** Whether a new task may go here now (in half-open, this takes one of the trial calls). */
    boolean admitsNewTask() {
        return breaker.tryAcquirePermission();
    }

    /** Gives back a permission taken by {@link #admitsNewTask} that was not used for a call. */
    void unused() {
        breaker.releasePermission();
    }
}
