package dev.i2v.contracts.events;

/**
 * A stored video.
 *
 * @param key             where the master rendition lies in the object store
 * @param durationSeconds the real duration of the file
 */
public record VideoOutput(String key, String contentType, long sizeBytes, int width, int height,
                          double durationSeconds) {
}
