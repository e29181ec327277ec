package dev.i2v.worker.providers;

import java.net.URI;
import java.time.Duration;

import dev.i2v.kit.callbacks.CallbackLinks;
import dev.i2v.worker.engine.VideoEngine.Attempt;

/**
 * Callbacks for hosted tasks: the signed gateway link a create passes to providers that call back, and the waits
 * between polls that a callback cuts short. Off (no links, plain waits) when the gateway's public address is not
 * set: then results are picked up by polling alone.
 */
public final class TaskCallbacks {

    private final CallbackLinks links;
    private final URI publicBase;
    private final TaskWakeups wakeups;

    /**
     * @param links      signs the links; {@code null} when callbacks are off
     * @param publicBase the gateway's address as providers reach it; {@code null} when callbacks are off
     */
    public TaskCallbacks(CallbackLinks links, URI publicBase, TaskWakeups wakeups) {
        this.links = publicBase == null ? null : links;
        this.publicBase = publicBase;
        this.wakeups = wakeups;
    }

    /** Polling alone. */
    public static TaskCallbacks none() {
        return new TaskCallbacks(null, null, new TaskWakeups());
    }

    /** The link for the attempt's task at {@code provider}, or {@code null} when callbacks are off. */
    String link(String provider, Attempt attempt) {
        return links == null || attempt == null ? null
                : links.link(publicBase, provider, attempt.jobId(), attempt.number()).toString();
    }

    /** Waits until the next poll is due or a callback for the attempt arrives; true for a callback. */
    boolean await(Attempt attempt, Duration pause) {
        return wakeups.await(attempt, pause);
    }

    void forget(Attempt attempt) {
        wakeups.forget(attempt);
    }
}
