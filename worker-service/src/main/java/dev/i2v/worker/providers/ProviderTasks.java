package dev.i2v.worker.providers;

import java.util.Optional;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.api.JobsApi.ProviderTask;
import dev.i2v.worker.engine.VideoEngine.Attempt;

/**
 * Where the provider task of a job's attempt is kept (job-service): written the moment a provider returns the
 * task's id and read before any create, so that an attempt taken over after a crash, a freeze or a drain polls the
 * task that exists instead of paying for a second one, and an attempt that is over calls no provider at all.
 */
public interface ProviderTasks {

    /**
     * The task recorded for the attempt, if any.
     *
     * @throws AttemptOver when the attempt ended elsewhere (cancelled, deleted, finished, superseded by a new attempt)
     * @throws HandedOver  when another worker's newer claim owns the attempt
     * @throws Unavailable when the answer could not be had; asking again later may work
     */
    Optional<ProviderTask> find(Attempt attempt);

    /**
     * Records the attempt's task.
     *
     * @throws AttemptOver when the attempt ended elsewhere or already has another task (then this one is not ours
     *                     to poll: the caller cancels it)
     * @throws HandedOver  when a newer claim took the attempt over and found no task: it may be creating its own, so
     *                     this one is not the attempt's either (the caller cancels it)
     * @throws Unavailable when it could not be recorded now
     */
    void record(Attempt attempt, String provider, String taskId);

    /**
     * Asks the deployment's budget of the route (its provider account's real limits, kept in job-service for every
     * worker) for one create call of the attempt.
     *
     * @return granted, or how long to wait before asking again
     * @throws AttemptOver when the attempt ended elsewhere
     * @throws HandedOver  when another worker's newer claim owns the attempt
     * @throws Unavailable when the answer could not be had
     */
    JobsApi.RouteSlot acquireSlot(Attempt attempt, String route);

    /** Frees the attempt's slot of the route (its task ended, or its create made none); best effort. */
    void releaseSlot(Attempt attempt, String route);

    /** The attempt is over or belongs to another task: no provider may be called for it from here. */
    final class AttemptOver extends RuntimeException {
        public AttemptOver(String message) {
            super(message);
        }
    }

    /**
     * The attempt runs on, under a newer claim than this worker's: another worker owns it and its task now. Nothing
     * may be created for it here, and its task must not be cancelled from here either.
     */
    final class HandedOver extends RuntimeException {
        public HandedOver(String message) {
            super(message);
        }
    }

    /** job-service could not be asked or told; nothing is known either way. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
