package dev.i2v.contracts.events;

import java.util.UUID;

/**
 * The key of a {@link Topics#JOB_EVENTS} record is its job's id: a consumer that needs only some jobs' events
 * reads the key and parses only those records.
 */
public final class JobEventKeys {

    private JobEventKeys() {
    }

    /** The job a record is about; null for a key that is not a job id (nothing of ours writes one). */
    public static UUID jobId(String key) {
        if (key == null || key.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
