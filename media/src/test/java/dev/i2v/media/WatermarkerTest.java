package dev.i2v.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkerTest {

    private static final int GREY = 128;

    @TempDir
    Path dir;

    private final Watermarker watermarker = new Watermarker(Watermarker.BADGE_TEXT);

    @Test
    void theBadgeMarksTheLowerRightCornerAndNothingElse() {
        int width = 1024;
        int height = 768;
        ByteBuffer planes = greyFrame(width, height);
        YuvBadge badge = watermarker.badge(width, height);

        badge.blendInto(planes, width, height);

        assertThat(badge.left() + badge.width()).isLessThan(width).isGreaterThan(width * 3 / 4);
        assertThat(badge.top() + badge.height()).isLessThan(height).isGreaterThan(height * 3 / 4);
        long changedOutside = 0;
        long darkenedInside = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int luma = planes.get(y * width + x) & 0xFF;
                boolean inside = x >= badge.left() && x < badge.left() + badge.width()
                        && y >= badge.top() && y < badge.top() + badge.height();
                if (!inside && luma != GREY) {
                    changedOutside++;
                } else if (inside && luma < GREY - 20) {
                    darkenedInside++;
                }
            }
        }
        assertThat(changedOutside).as("luma samples changed outside the badge").isZero();
        assertThat(darkenedInside).as("the badge's translucent black darkens most of its rectangle")
                .isGreaterThan((long) badge.width() * badge.height() / 2);
    }

    @Test
    void theRenditionIsAnH264VideoOfTheSameSizeAndLength() throws Exception {
        Path master = dir.resolve("master.mp4");
        Path marked = dir.resolve("marked.mp4");
        writeGreyVideo(master, 640, 480, 24);

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

    /** 360 px rows are padded to 384 bytes by the grabber: the planes must be repacked, not shifted. */
    @Test
    void aWidthTheDecoderPadsIsMarkedInPlaceWithTheRestOfTheFrameIntact() throws Exception {
        Path master = dir.resolve("grey.mp4");
        Path marked = dir.resolve("grey-marked.mp4");
        writeGreyVideo(master, 360, 640, 12);

        watermarker.apply(master, marked);

        YuvBadge badge = watermarker.badge(360, 640);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(marked.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_GRAY8);
            grabber.start();
            Frame frame = grabber.grabImage();
            ByteBuffer luma = (ByteBuffer) frame.image[0];
            int stride = frame.imageStride;
            int centreY = badge.top() + badge.height() / 2;
            assertThat(meanLuma(luma, stride, 0, 0, 100, 100)).as("top left, far from the badge").isBetween(120.0, 136.0);
            assertThat(meanLuma(luma, stride, 0, centreY - 4, 40, 8)).as("left of the badge, same rows")
                    .isBetween(120.0, 136.0);
            // between the badge's left edge and its text (which starts half a font size in)
            assertThat(meanLuma(luma, stride, badge.left() + 2, centreY - 4, 4, 8)).as("inside the badge, left of its text")
                    .isLessThan(110.0);
        }
    }

    private static double meanLuma(ByteBuffer luma, int stride, int x0, int y0, int w, int h) {
        long sum = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                sum += luma.get(y * stride + x) & 0xFF;
            }
        }
        return (double) sum / (w * h);
    }

    private static ByteBuffer greyFrame(int width, int height) {
        int size = width * height + 2 * Watermarker.chroma(width) * Watermarker.chroma(height);
        ByteBuffer planes = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            planes.put(i, (byte) GREY);
        }
        return planes;
    }

    private static void writeGreyVideo(Path file, int width, int height, int frames) throws Exception {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            recorder.setFormat("mp4");
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            recorder.setVideoCodecName("libopenh264");
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setFrameRate(24);
            recorder.start();
            ByteBuffer grey = greyFrame(width, height);
            for (int i = 0; i < frames; i++) {
                recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_YUV420P, grey);
            }
            recorder.stop();
        }
    }
}
