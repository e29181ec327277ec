package dev.i2v.contracts;

import java.util.UUID;

/** Where a job's files lie in the object store, and the public path its video is downloaded from: one home each. */
public final class ObjectKeys {

    /** Every input image lies under this prefix; signed input links are only ever made for keys under it. */
    public static final String INPUTS = "inputs/";

    private ObjectKeys() {
    }

    /** @param extension e.g. {@code png} */
    public static String inputImage(UUID jobId, String extension) {
        return INPUTS + jobId + "/image." + extension;
    }

    /** The clean master. */
    public static String video(UUID jobId) {
        return "outputs/" + jobId + "/video.mp4";
    }

    /** The rendition with the watermark, for plans that show it. */
    public static String watermarkedVideo(UUID jobId) {
        return "outputs/" + jobId + "/video.watermarked.mp4";
    }

    /** The public API's download path of the job's video. */
    public static String contentPath(UUID jobId) {
        return "/v1/videos/" + jobId + "/content";
    }
}
