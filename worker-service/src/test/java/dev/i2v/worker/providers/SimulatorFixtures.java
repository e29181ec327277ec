package dev.i2v.worker.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import dev.i2v.fixtures.TestImages;
import dev.i2v.simulator.SimulatorSettings;
import dev.i2v.worker.engine.LocalKenBurnsEngine;
import dev.i2v.worker.engine.VideoEngine;

/** What the tests against the provider simulators share: the clip they serve, their key, the adapters' HTTP. */
final class SimulatorFixtures {

    static final String KEY = "sim-key";

    private static byte[] clip;

    private SimulatorFixtures() {
    }

    /** A real 1 s MP4 from the local engine, made once: what the simulated providers hand back. */
    static synchronized byte[] clip() {
        if (clip == null) {
            try {
                Path file = Files.createTempFile("provider-clip", ".mp4");
                new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(TestImages.png(400, 300), "", 1, "360P"),
                        file, p -> { });
                clip = Files.readAllBytes(file);
                Files.delete(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return clip;
    }

    static SimulatorSettings settings() {
        return SimulatorSettings.defaults(clip()).withApiKeys(Set.of(KEY));
    }

    static ProviderHttp http(String provider) {
        return new ProviderHttp(provider, () -> "Bearer " + KEY, 600, Duration.ofSeconds(5), JsonMapper.builder().build());
    }
}
