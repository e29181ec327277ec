package dev.i2v.worker.engine;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Burns a visible mark into any H.264 MP4 (ours or a provider's): a translucent badge with the text
 * in the lower right corner of every frame; the audio, if any, is kept. Plans with a watermark are
 * served this rendition; the clean master is kept beside it for members and for upgrades.
 */
public final class Watermarker {

    private final String text;

    public Watermarker(String text) {
        this.text = text;
    }

    public void apply(Path master, Path output) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(master.toFile())) {
            grabber.start();
            try (FFmpegFrameRecorder recorder = recorder(grabber, output);
                 Java2DFrameConverter decode = new Java2DFrameConverter();
                 Java2DFrameConverter encode = new Java2DFrameConverter()) {
                recorder.start();
                Frame frame;
                while ((frame = grabber.grab()) != null) {
                    if (frame.image != null) {
                        BufferedImage image = copy(decode.convert(frame));
                        mark(image);
                        recorder.record(encode.convert(image), avutil.AV_PIX_FMT_BGR24);
                    } else if (frame.samples != null) {
                        recorder.record(frame);
                    }
                }
                recorder.stop();
            }
        } catch (Exception e) {
            throw new EngineException("watermark_failed", "could not make the watermarked rendition: " + e.getMessage(),
                    true, e);
        }
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

    private static BufferedImage copy(BufferedImage source) {
        BufferedImage copy = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        return copy;
    }

    /** The badge: sized from the frame's height so it reads the same at 512p and 1080p. */
    void mark(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int size = Math.max(12, image.getHeight() / 18);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            FontMetrics metrics = g.getFontMetrics();
            int padding = size / 2;
            int width = metrics.stringWidth(text) + 2 * padding;
            int height = metrics.getHeight() + padding;
            int x = image.getWidth() - width - size;
            int y = image.getHeight() - height - size;
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
            g.setColor(Color.BLACK);
            g.fillRoundRect(x, y, width, height, size, size);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.9f));
            g.setColor(Color.WHITE);
            g.drawString(text, x + padding, y + padding / 2 + metrics.getAscent());
        } finally {
            g.dispose();
        }
    }
}
