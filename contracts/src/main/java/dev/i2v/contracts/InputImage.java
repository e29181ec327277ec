package dev.i2v.contracts;

/**
 * A job's input image as intake found it: where it is stored and what it is. Learned once, at submit, and
 * carried with the job, so no later step decodes the image just to know its size.
 *
 * @param key         where the image lies in the object store
 * @param contentType e.g. {@code image/png}
 * @param width       in pixels, after intake's checks
 * @param height      in pixels
 */
public record InputImage(String key, String contentType, int width, int height) {
}
