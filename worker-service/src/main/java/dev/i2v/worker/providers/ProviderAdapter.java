package dev.i2v.worker.providers;

import java.io.InputStream;

/** One provider's asynchronous image-to-video API. */
public interface ProviderAdapter {

    /** e.g. {@code minimax}. */
    String provider();

    /** Starts a task; returns the provider's task id. */
    String submit(ProviderRequest request);

    /** The task's state now. */
    TaskState poll(String taskId);

    /** Stops the task if the provider allows it; best effort. */
    default void cancel(String taskId) {
    }

    /** Opens the result for download; the URL may have expired (then {@link ProviderException.Kind#EXPIRED}). */
    InputStream download(String resultUrl);

    /**
     * What to generate.
     *
     * @param providerModel the provider's own model id, e.g. {@code MiniMax-Hailuo-02}
     * @param imageDataUri  the input image as a {@code data:} URI
     * @param imageUrl      a public, expiring HTTPS URL of the input image, or {@code null} where none is configured
     * @param imageWidth    the input image's width in pixels, for providers that want a ratio
     * @param callbackUrl   where the provider may call back when the task changes (a signed gateway link), or
     *                      {@code null}; adapters of providers without callbacks ignore it
     */
    record ProviderRequest(String providerModel, String prompt, String imageDataUri, String imageUrl, int imageWidth,
                           int imageHeight, int durationSeconds, String resolution, boolean promptOptimizer,
                           String callbackUrl) {

        /** The same request for another route: its provider model and its callback link. */
        public ProviderRequest forRoute(String model, String callback) {
            return new ProviderRequest(model, prompt, imageDataUri, imageUrl, imageWidth, imageHeight, durationSeconds,
                    resolution, promptOptimizer, callback);
        }
    }

    /** A task's state. */
    sealed interface TaskState {
        /** Not finished; {@code progress} 0–100 if the provider says, else -1. */
        record Pending(int progress) implements TaskState {
        }

        record Succeeded(String resultUrl) implements TaskState {
        }

        record Failed(ProviderException failure) implements TaskState {
        }
    }
}
