package dev.i2v.media;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Burns a visible mark into any H.264 MP4 (ours or a provider's): a translucent badge with the text
 * in the lower right corner of every frame; the audio, if any, is kept. Plans with a watermark are
 * served this rendition; the clean master is kept beside it for members and for upgrades.
 *
 * <p>Frames stay in the encoder's YUV 4:2:0 from decoder to encoder and only the badge's rectangle is
 * blended, as FFmpeg's {@code overlay} filter does; the badge is drawn once per frame size. (The first
 * version took every frame through Java2D as BGR and back: 2.15× ffmpeg's overlay on the same clip.)
 */
public final class Watermarker {

    /** The badge every rendition of this service carries. */
    public static final String BADGE_TEXT = "i2v · AI generated";

    private final String text;
    private final Map<Long, YuvBadge> badges = new ConcurrentHashMap<>();

    public Watermarker(String text) {
        this.text = text;
    }

    public void apply(Path master, Path output) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(master.toFile())) {
            // the grabber converts to this format; from a 4:2:0 source (every H.264 provider's) that is a copy
            grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            grabber.start();
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            YuvBadge badge = badge(width, height);
            PackedYuv packed = new PackedYuv(width, height);
            try (FFmpegFrameRecorder recorder = recorder(grabber, output)) {
                recorder.start();
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    if (frame.image != null) {
                        ByteBuffer planes = packed.of(frame);
                        badge.blendInto(planes, width, height);
                        recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_YUV420P,
                                planes);
                    } else if (frame.samples != null) {
                        recorder.record(frame);
                    }
                }
                recorder.stop();
            }
        } catch (Exception e) {
            throw new WatermarkException("could not make the watermarked rendition: " + e.getMessage(), e);
        }
    }

    /** The badge as it is blended into a frame of this size (drawn once per size). */
    public YuvBadge badge(int width, int height) {
        return badges.computeIfAbsent(((long) width << 32) | height, k -> YuvBadge.draw(text, width, height));
    }

    private static FFmpegFrameRecorder recorder(FFmpegFrameGrabber grabber, Path output) {
        int width = grabber.getImageWidth();
        int height = grabber.getImageHeight();
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), width, height, grabber.getAudioChannels());
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(grabber.getFrameRate() > 0 ? grabber.getFrameRate() : 24);
        recorder.setVideoBitrate((int) Math.min(4_000_000L, (long) width * height * 1_000_000L / (1280 * 720)));
        recorder.setVideoOption("rc_mode", "bitrate");
        recorder.setOption("movflags", "+faststart");
        if (grabber.getAudioChannels() > 0) {
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(grabber.getSampleRate());
            recorder.setAudioBitrate(128_000);
        }
        return recorder;
    }

    /**
     * A grabbed frame's planes packed the way the recorder reads them (rows of exactly the width, planes
     * back to back). The grabber pads rows to a multiple of 64 bytes: a width that is one is used as it is.
     */
    private static final class PackedYuv {

        private final int width;
        private final int height;
        private ByteBuffer packed;

        PackedYuv(int width, int height) {
            this.width = width;
            this.height = height;
        }

        ByteBuffer of(Frame frame) {
            ByteBuffer source = ((ByteBuffer) frame.image[0]).duplicate();
            source.limit(source.capacity());
            int stride = frame.imageStride;
            if (stride == width) {
                return source;
            }
            if (packed == null) {
                packed = ByteBuffer.allocateDirect(width * height + 2 * chroma(width) * chroma(height));
            }
            copyPlane(source, 0, stride, 0, width, height);
            int sourceChroma = chroma(stride) * chroma(height);
            int chromaSize = chroma(width) * chroma(height);
            copyPlane(source, stride * height, chroma(stride), width * height, chroma(width), chroma(height));
            copyPlane(source, stride * height + sourceChroma, chroma(stride), width * height + chromaSize,
                    chroma(width), chroma(height));
            return packed;
        }

        private void copyPlane(ByteBuffer source, int from, int sourceStride, int to, int rowBytes, int rows) {
            for (int row = 0; row < rows; row++) {
                packed.put(to + row * rowBytes, source, from + row * sourceStride, rowBytes);
            }
        }
    }

    /** Samples of a 4:2:0 chroma plane along a side of this many luma samples. */
    public static int chroma(int size) {
        return (size + 1) / 2;
    }
}
