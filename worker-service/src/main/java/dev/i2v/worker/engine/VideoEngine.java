package dev.i2v.worker.engine;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Supplier;

import dev.i2v.contracts.InputImage;

/** Turns one image and a prompt into a video file. */
public interface VideoEngine {

    /** The public model name this engine serves, e.g. {@code local}. */
    String model();

    /**
     * Whether it waits on a hosted provider rather than rendering here: such a job holds no CPU slot while it
     * waits, so a worker holds thousands of them.
     */
    default boolean remote() {
        return false;
    }

    /**
     * Renders the video into {@code output}.
     *
     * @throws EngineException when the video cannot be made; it says whether a retry could help
     */
    RenderedVideo render(VideoRequest request, Path output, ProgressListener progress);

    /**
     * What to render; {@code promptOptimizer} is for engines that have one; {@code input} is where the image is
     * stored and what intake learned of it (type, size), for engines that hand providers a link to it or need its
     * shape ({@code null} when not stored). The image's bytes are read when an engine asks for them
     * ({@link #image()}), not held by the request: a job that waits minutes for a provider keeps no copy of them.
     * {@code attempt} is the job's attempt this render is part of ({@code null} outside a job: tests, benchmarks).
     */
    record VideoRequest(Supplier<byte[]> imageSource, String prompt, int durationSeconds, String resolution,
                        boolean promptOptimizer, InputImage input, Attempt attempt) {

        public VideoRequest(byte[] image, String prompt, int durationSeconds, String resolution, boolean promptOptimizer,
                            InputImage input) {
            this(() -> image, prompt, durationSeconds, resolution, promptOptimizer, input, null);
        }

        public VideoRequest(byte[] image, String prompt, int durationSeconds, String resolution) {
            this(image, prompt, durationSeconds, resolution, false, null);
        }

        /** The image's bytes, read now; an engine keeps them no longer than it needs them. */
        public byte[] image() {
            return imageSource.get();
        }
    }

    /** One delivery of one attempt of a job. */
    record Attempt(UUID jobId, int number, int delivery) {
    }

    /** What was rendered. */
    record RenderedVideo(int width, int height, double durationSeconds, String contentType) {
    }

    /** Told of progress in percent, 0–100, never going back. */
    @FunctionalInterface
    interface ProgressListener {
        void progress(int percent);
    }
}
