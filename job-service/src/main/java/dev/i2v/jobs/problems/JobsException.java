package dev.i2v.jobs.problems;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;

import dev.i2v.kit.ProblemException;

/** Root of the errors job-service reports to its callers. */
public abstract class JobsException extends ProblemException {

    JobsException(HttpStatus status, String code, String message) {
        super(status, code, message, Map.of());
    }

    public static final class JobNotFound extends JobsException {
        public JobNotFound(UUID jobId) {
            super(HttpStatus.NOT_FOUND, "not_found", "no job " + jobId);
        }
    }

    /** The id is taken by a job with other content. */
    public static final class JobConflict extends JobsException {
        public JobConflict(UUID jobId) {
            super(HttpStatus.CONFLICT, "job_conflict", "job " + jobId + " exists with different content");
        }
    }

    /** A state change the job's state machine does not allow. */
    public static final class IllegalJobTransition extends JobsException {
        public IllegalJobTransition(UUID jobId, Object from, Object to) {
            super(HttpStatus.CONFLICT, "illegal_transition", "job " + jobId + " cannot go from " + from + " to " + to);
        }
    }

    public static final class InvalidJobRequest extends JobsException {
        public InvalidJobRequest(String message) {
            super(HttpStatus.BAD_REQUEST, "invalid_request", message);
        }
    }

    /** Cancel of a job that has finished. */
    public static final class JobNotCancellable extends JobsException {
        public JobNotCancellable(UUID jobId, String status) {
            super(HttpStatus.CONFLICT, "job_not_cancellable", "job " + jobId + " is " + status + " and cannot be cancelled");
        }
    }

    /**
     * A claim of a job the scheduler has not admitted: no dispatch record of it exists yet, so no worker can have
     * taken one; a claim would start it past its account's parallel limit and its turn.
     */
    public static final class NotAdmitted extends JobsException {
        public NotAdmitted(UUID jobId) {
            super(HttpStatus.CONFLICT, "not_admitted", "job " + jobId + " waits for its turn and was not dispatched yet");
        }
    }

    /** A requeue of a job that did not fail, or that its owner deleted. */
    public static final class JobNotRequeueable extends JobsException {
        public JobNotRequeueable(UUID jobId, String why) {
            super(HttpStatus.CONFLICT, "job_not_requeueable", "job " + jobId + " cannot be requeued: " + why);
        }
    }

    /** A second requeue of one failed job: it was requeued as another job already. */
    public static final class AlreadyRequeued extends JobsException {
        public AlreadyRequeued(UUID jobId, UUID requeuedAs) {
            super(HttpStatus.CONFLICT, "already_requeued", "job " + jobId + " was requeued already, as job " + requeuedAs);
        }
    }

    /** The attempt a worker asks about is over: the job finished, was cancelled or deleted, or a newer attempt runs. */
    public static final class AttemptNotLive extends JobsException {
        public AttemptNotLive(UUID jobId, int attempt) {
            super(HttpStatus.CONFLICT, "attempt_not_live", "attempt " + attempt + " of job " + jobId + " is over");
        }
    }

    /**
     * The attempt runs, but under a newer claim than the asker's: the asker lost its lease and another worker owns the
     * attempt and its provider task now. Distinct from {@link AttemptNotLive}: the task must live on for the new owner.
     */
    public static final class DeliverySuperseded extends JobsException {
        public DeliverySuperseded(UUID jobId, int attempt, int delivery) {
            super(HttpStatus.CONFLICT, "delivery_superseded", "attempt " + attempt + " of job " + jobId
                    + " is owned by a newer claim (delivery " + delivery + ")");
        }
    }

    /** A second, different provider task for one attempt: the first is kept, the second is the caller's to cancel. */
    public static final class ProviderTaskExists extends JobsException {
        public ProviderTaskExists(UUID jobId, int attempt, String recorded) {
            super(HttpStatus.CONFLICT, "provider_task_exists", "attempt " + attempt + " of job " + jobId
                    + " already has provider task " + recorded);
        }
    }

    /** A claim of an attempt whose lease another worker holds: the claimer drops its copy of the dispatch record. */
    public static final class LeaseHeld extends JobsException {
        public LeaseHeld(UUID jobId, int attempt) {
            super(HttpStatus.CONFLICT, "lease_held", "attempt " + attempt + " of job " + jobId
                    + " is claimed by another worker whose lease runs");
        }
    }

    public static final class PauseNotFound extends JobsException {
        public PauseNotFound(String kind, String name) {
            super(HttpStatus.NOT_FOUND, "pause_not_found", "the " + kind + " '" + name + "' is not paused");
        }
    }
}
