package dev.i2v.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.i2v.fixtures.TestImages;

class WatermarkerTest {

    @TempDir
    Path dir;

    private final Watermarker watermarker = new Watermarker("i2v · AI generated");

    @Test
    void theBadgeMarksTheLowerRightCornerAndNothingElse() {
        BufferedImage image = new BufferedImage(1024, 768, BufferedImage.TYPE_3BYTE_BGR);

        watermarker.mark(image);

        assertThat(image.getRGB(10, 10) & 0xFFFFFF).isZero();
        long marked = 0;
        for (int x = 600; x < 1024; x++) {
            for (int y = 650; y < 768; y++) {
                marked += (image.getRGB(x, y) & 0xFFFFFF) != 0 ? 1 : 0;
            }
        }
        assertThat(marked).isPositive();
    }

    @Test
    void theRenditionIsAnH264VideoOfTheSameSizeAndLength() throws Exception {
        Path master = dir.resolve("master.mp4");
        Path marked = dir.resolve("marked.mp4");
        new LocalKenBurnsEngine().render(new VideoEngine.VideoRequest(TestImages.png(640, 480), "", 1, "480P"), master,
                p -> { });

        watermarker.apply(master, marked);

        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(marked.toFile())) {
            grabber.start();
            assertThat(grabber.getVideoCodecName()).isEqualTo("h264");
            assertThat(grabber.getImageWidth()).isEqualTo(640);
            assertThat(grabber.getImageHeight()).isEqualTo(480);
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            assertThat(frames).isEqualTo(24);
        }
    }
}
