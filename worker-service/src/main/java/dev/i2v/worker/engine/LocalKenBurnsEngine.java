package dev.i2v.worker.engine;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The built-in engine: a real H.264 MP4 made from the input image with a camera move read from the
 * prompt ({@link CameraMotion}: zoom, pan, tilt, static; a slow Ken Burns zoom and drift otherwise),
 * at the input's aspect ratio, encoded in-process by FFmpeg's openh264 encoder. Frames are drawn on one
 * thread and encoded on the caller's, so drawing and encoding overlap on two cores.
 */
public final class LocalKenBurnsEngine implements VideoEngine {

    public static final String MODEL = "local";
    static final int FPS = 24;
    private static final int QUEUED_FRAMES = 8;
    private static final BufferedImage END = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
        BufferedImage source = ImageDecoder.decode(request.image());
        OutputGeometry size = OutputGeometry.of(request.resolution(), source.getWidth(), source.getHeight());
        int frames = request.durationSeconds() * FPS;
        BlockingQueue<BufferedImage> queue = new ArrayBlockingQueue<>(QUEUED_FRAMES);
        CompletableFuture<Void> drawing = CompletableFuture.runAsync(() -> draw(source, size, frames, CameraMotion.fromPrompt(request.prompt()), queue));
        try {
            encode(queue, size, frames, output, progress);
            drawing.join();
        } catch (FrameRecorder.Exception | InterruptedException e) {
            drawing.cancel(true);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new EngineException("engine_error", "encoding failed: " + e.getMessage(), true, e);
        }
        return new RenderedVideo(size.width(), size.height(), (double) frames / FPS, "video/mp4");
    }

    private static void draw(BufferedImage source, OutputGeometry size, int frames, CameraMotion motion,
                             BlockingQueue<BufferedImage> queue) {
        KenBurnsCamera camera = new KenBurnsCamera(source.getWidth(), source.getHeight(), size.width(), size.height(),
                motion);
        try {
            for (int i = 0; i < frames; i++) {
                queue.put(frame(source, camera.window(frames == 1 ? 0 : (double) i / (frames - 1)), size));
            }
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static BufferedImage frame(BufferedImage source, Rectangle2D window, OutputGeometry size) {
        BufferedImage frame = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            double sx = size.width() / window.getWidth();
            double sy = size.height() / window.getHeight();
            g.scale(sx, sy);
            g.translate(-window.getX(), -window.getY());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    private static void encode(BlockingQueue<BufferedImage> queue, OutputGeometry size, int frames, Path output,
                               ProgressListener progress) throws FrameRecorder.Exception, InterruptedException {
        try (FFmpegFrameRecorder recorder = recorder(output, size);
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.start();
            int lastReported = -1;
            for (int i = 0; ; i++) {
                BufferedImage image = queue.poll(60, TimeUnit.SECONDS);
                if (image == null) {
                    throw new FrameRecorder.Exception("frame drawing stalled");
                }
                if (image == END) {
                    break;
                }
                recorder.record(converter.convert(image), avutil.AV_PIX_FMT_BGR24);
                int percent = (i + 1) * 100 / frames;
                if (percent / 10 > lastReported / 10 && percent < 100) {
                    progress.progress(percent);
                    lastReported = percent;
                }
            }
            recorder.stop();
        }
    }

    private static FFmpegFrameRecorder recorder(Path output, OutputGeometry size) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(output.toFile(), size.width(), size.height(), 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setVideoCodecName("libopenh264");
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(FPS);
        recorder.setGopSize(FPS * 2);
        // ~1 Mb/s at 720p, scaled by pixel count: good enough for a preview engine, small files
        recorder.setVideoBitrate((int) Math.min(4_000_000L, (long) size.width() * size.height() * 1_000_000L / (1280 * 720)));
        recorder.setVideoOption("rc_mode", "bitrate");
        recorder.setOption("movflags", "+faststart");
        return recorder;
    }
}
