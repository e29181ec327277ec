package dev.i2v.worker.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Models for fault tests and benchmarks, off unless {@code i2v.worker.test-engines=true}:
 * {@code instant} returns a real (tiny) MP4 at once, after {@code sleep:<seconds>} if the prompt says
 * so, or fails with the error code {@code fail:<code>} names (not retryable), or with {@code <code>} while the clock
 * is before {@code fail-until:<epoch millis>:<code>} (an outage that ends); {@code crash} kills the worker's JVM on the spot, as a native crash or an OOM kill would.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "i2v.worker.test-engines", havingValue = "true")
class TestModelsConfiguration {

    @Bean
    VideoEngine instantEngine() {
        return new InstantEngine();
    }

    @Bean
    VideoEngine crashEngine() {
        return new VideoEngine() {
            @Override
            public String model() {
                return "crash";
            }

            @Override
            public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
                Runtime.getRuntime().halt(137);
                throw new IllegalStateException("unreachable");
            }
        };
    }

    /** Copies one clip rendered at start-up by the local engine: the cost of a job without the model. */
    static final class InstantEngine implements VideoEngine {

        private static final Pattern SLEEP = Pattern.compile("sleep:(\\d+(?:\\.\\d+)?)");
        private static final Pattern FAIL = Pattern.compile("fail:([a-z_]+)");
        private static final Pattern FAIL_UNTIL = Pattern.compile("fail-until:(\\d+):([a-z_]+)");
        private Path clip;
        private RenderedVideo rendered;

        @Override
        public String model() {
            return "instant";
        }

        @Override
        public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
            Matcher sleep = SLEEP.matcher(request.prompt() == null ? "" : request.prompt());
            try {
                if (sleep.find()) {
                    Thread.sleep((long) (Double.parseDouble(sleep.group(1)) * 1000));
                }
                Matcher fail = FAIL.matcher(request.prompt() == null ? "" : request.prompt());
                if (fail.find()) {
                    throw new EngineException(fail.group(1), "failed as the prompt asked", false);
                }
                Matcher outage = FAIL_UNTIL.matcher(request.prompt() == null ? "" : request.prompt());
                if (outage.find() && System.currentTimeMillis() < Long.parseLong(outage.group(1))) {
                    throw new EngineException(outage.group(2), "failed as the prompt asked, until " + outage.group(1), false);
                }
                Files.copy(clip(request.image()), output, StandardCopyOption.REPLACE_EXISTING);
                return rendered;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("engine_error", "interrupted", true, e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private synchronized Path clip(byte[] image) throws IOException {
            if (clip == null) {
                Path file = Files.createTempFile("i2v-instant-", ".mp4");
                rendered = new LocalKenBurnsEngine().render(new VideoRequest(image, "", 1, "128P"), file, p -> { });
                clip = file;
            }
            return clip;
        }
    }
}
