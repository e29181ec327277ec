package dev.i2v.worker;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.LocalKenBurnsEngine;
import dev.i2v.worker.engine.VideoEngine;

/** Engines for fault tests: one that takes its time, one that crashes its runner. */
@TestConfiguration(proxyBeanMethods = false)
public class TestEngines {

    public static final String SLOW = "test-slow";
    public static final String CRASHING = "test-crash";
    public static final Duration SLOW_TIME = Duration.ofSeconds(20);

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
