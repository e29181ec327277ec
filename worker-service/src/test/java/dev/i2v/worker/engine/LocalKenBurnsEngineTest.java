package dev.i2v.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.data.Offset;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.i2v.fixtures.TestImages;

/** Encodes real videos with FFmpeg and reads them back with FFmpeg. */
class LocalKenBurnsEngineTest {

    @TempDir
    Path dir;

    private final LocalKenBurnsEngine engine = new LocalKenBurnsEngine();

    @Test
    void rendersAnH264Mp4OfTheRequestedDurationAtTheInputsAspectRatio() throws Exception {
        Path out = dir.resolve("video.mp4");
        List<Integer> progress = new ArrayList<>();

        VideoEngine.RenderedVideo video = engine.render(
                new VideoEngine.VideoRequest(TestImages.png(640, 480), "a slow zoom", 2, "480P"), out, progress::add);

        assertThat(video.width()).isEqualTo(640);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.durationSeconds()).isEqualTo(2.0);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(out.toFile())) {
            grabber.start();
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            assertThat(grabber.getImageWidth()).isEqualTo(640);
            assertThat(grabber.getImageHeight()).isEqualTo(480);
            assertThat(grabber.getLengthInTime() / 1e6).isCloseTo(2.0, Offset.offset(0.1));
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(48);
        }
        assertThat(progress).isNotEmpty().isSorted().allSatisfy(p -> assertThat(p).isBetween(1, 99));
    }

    @Test
    void theCameraMovesBetweenTheFirstAndTheLastFrame() {
        KenBurnsCamera camera = new KenBurnsCamera(1000, 750, 1024, 768);
        assertThat(camera.window(0).getWidth()).isEqualTo(1000.0);
        assertThat(camera.window(1).getWidth()).isLessThan(900.0);
        assertThat(camera.window(1).getX()).isNotEqualTo(camera.window(0).getX());
        assertThat(camera.window(1).getMaxX()).isLessThanOrEqualTo(1000.0);
    }

    @Test
    void bytesThatAreNoImageFailWithoutRetry() {
        assertThatThrownBy(() -> engine.render(new VideoEngine.VideoRequest("not an image".getBytes(), "x", 1, "480P"),
                dir.resolve("x.mp4"), p -> { }))
                .isInstanceOfSatisfying(EngineException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_image");
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(Files.exists(dir.resolve("x.mp4"))).isFalse();
    }
}
