package dev.i2v.worker;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.LocalKenBurnsEngine;
import dev.i2v.worker.engine.VideoEngine;

/** Engines for fault tests: one that takes its time, one that crashes its runner, one that waits like a hosted model. */
@TestConfiguration(proxyBeanMethods = false)
public class TestEngines {

    public static final String SLOW = "test-slow";
    public static final String CRASHING = "test-crash";
    public static final Duration SLOW_TIME = Duration.ofSeconds(20);
    /** A hosted model's stand-in: it waits (holding no CPU slot) and then hands over a ready video. */
    public static final String REMOTE = "test-remote";
    public static final Duration REMOTE_TIME = Duration.ofSeconds(4);
    private static byte[] remoteVideo;

    @Bean
    VideoEngine remoteEngine() {
        return new VideoEngine() {
            @Override
            public String model() {
                return REMOTE;
            }

            @Override
            public boolean remote() {
                return true;
            }

            @Override
            public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
                try {
                    Thread.sleep(REMOTE_TIME.toMillis());
                    java.nio.file.Files.write(output, video(request));
                    return new RenderedVideo(192, 128, 1.0, "video/mp4");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("engine_error", "interrupted", true, e);
                } catch (java.io.IOException e) {
                    throw new EngineException("storage_error", e.getMessage(), true, e);
                }
            }
        };
    }

    private static synchronized byte[] video(VideoEngine.VideoRequest request) throws java.io.IOException {
        if (remoteVideo == null) {
            Path file = java.nio.file.Files.createTempFile("remote", ".mp4");
            new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(request.image(), "", 1, "128P"), file, p -> { });
            remoteVideo = java.nio.file.Files.readAllBytes(file);
            java.nio.file.Files.delete(file);
        }
        return remoteVideo;
    }

    @Bean
    VideoEngine slowEngine() {
        return new VideoEngine() {
            @Override
            public String model() {
                return SLOW;
            }

            @Override
            public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
                try {
                    Thread.sleep(SLOW_TIME.toMillis());
                    return new LocalKenBurnsEngine().render(
                            new VideoRequest(request.image(), "", 1, "128P"), output, progress);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("engine_error", "interrupted", true, e);
                }
            }
        };
    }

    @Bean
    VideoEngine crashingEngine() {
        return new VideoEngine() {
            @Override
            public String model() {
                return CRASHING;
            }

            @Override
            public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
                throw new IllegalStateException("simulated native crash of the engine");
            }
        };
    }
}
