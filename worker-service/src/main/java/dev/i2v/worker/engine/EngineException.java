package dev.i2v.worker.engine;

/** A video could not be made. {@link #retryable()} says whether another attempt could succeed. */
public class EngineException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public EngineException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public EngineException(String code, String message, boolean retryable) {
        this(code, message, retryable, null);
    }

    /** Stable, snake_case; becomes the job's error code. */
    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * The attempt ended elsewhere (cancelled, deleted, finished, or another worker took it over) while this worker
     * still held it: nothing more is reported or billed for it here.
     */
    public static final class AttemptOver extends EngineException {
        public AttemptOver(String message) {
            super("attempt_over", message, false);
        }
    }
}
