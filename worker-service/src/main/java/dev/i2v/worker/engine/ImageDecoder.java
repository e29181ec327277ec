package dev.i2v.worker.engine;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes JPEG and PNG with ImageIO, and what ImageIO cannot read (WebP) with FFmpeg; the result stands
 * upright as the photo's EXIF orientation says.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /** @throws EngineException {@code invalid_image} when neither can read it */
    public static BufferedImage decode(byte[] bytes) {
        try {
            // a memory cache: ImageIO's default file cache registers a shutdown hook per stream, which throws
            // while the JVM shuts down, so a job decoding during a drain would crash instead of finishing
            BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes)));
            return ExifOrientation.upright(image != null ? image : decodeWithFfmpeg(bytes), ExifOrientation.of(bytes));
        } catch (IOException e) {
            throw new EngineException("invalid_image", "the input image could not be decoded", false, e);
        }
    }

    private static BufferedImage decodeWithFfmpeg(byte[] bytes) throws IOException {
        Path temp = Files.createTempFile("i2v-image-", ".bin");
        try {
            Files.write(temp, bytes);
            try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(temp.toFile());
                 Java2DFrameConverter converter = new Java2DFrameConverter()) {
                grabber.start();
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    throw new EngineException("invalid_image", "the input image has no picture", false);
                }
                BufferedImage view = converter.convert(frame);
                BufferedImage copy = new BufferedImage(view.getWidth(), view.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                copy.getGraphics().drawImage(view, 0, 0, null);
                return copy;
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
