package dev.i2v.jobs.jobs;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A job's states and the transitions between them; terminal states have none. */
public enum JobStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    private Set<JobStatus> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
            // RUNNING -> QUEUED is a retry after a transient failure
            case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED, QUEUED);
            case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobStatus.class);
        };
    }

    public boolean canBecome(JobStatus target) {
        return next().contains(target);
    }

    public boolean terminal() {
        return next().isEmpty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
