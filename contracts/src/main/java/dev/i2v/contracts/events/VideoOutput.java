package dev.i2v.contracts.events;

/**
 * A stored video.
 *
 * @param key             where the clean master lies in the object store
 * @param durationSeconds the real duration of the file
 * @param watermarkedKey  where the watermarked rendition lies (for plans with a watermark); null if none
 * @param optimizedPrompt the prompt the model was given after our prompt rewrite; null when not rewritten
 */
public record VideoOutput(String key, String contentType, long sizeBytes, int width, int height,
                          double durationSeconds, String watermarkedKey, String optimizedPrompt) {
}
