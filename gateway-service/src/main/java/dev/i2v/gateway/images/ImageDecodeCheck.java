package dev.i2v.gateway.images;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes an image whose header already passed the pixel limit, subsampled so that at most about
 * {@link #MAX_DECODED_PIXELS} pixels are kept: every byte of the compressed data is read (a truncated or
 * corrupt file fails here), while memory stays bounded whatever the image's size and time stays linear in the
 * pixel limit checked before. A decoder warning counts as a failure: JPEG's decoder only warns about a
 * premature end or a bad Huffman code and fills the rest with grey.
 */
final class ImageDecodeCheck {

    /** About 4 MB of decoded pixels, whatever the image's size. */
    static final long MAX_DECODED_PIXELS = 1_000_000;

    private ImageDecodeCheck() {
    }

    /**
     * @return why the image does not decode, in words for the client (never a decoder's internal message), or
     *         {@code null} when it does
     */
    static String problem(ImageFormat format, byte[] bytes, int width, int height) {
        if (format == ImageFormat.PNG) {
            String png = PngDataCheck.problem(bytes);
            if (png != PngDataCheck.NOT_CHECKED) {
                return png;
            }
        }
        return decoded(format, bytes, width, height);
    }

    private static String decoded(ImageFormat format, byte[] bytes, int width, int height) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.contentType());
            if (!readers.hasNext()) {
                return "no decoder for " + format.contentType();
            }
            ImageReader reader = readers.next();
            try {
                String[] warning = new String[1];
                reader.addIIOReadWarningListener((IIOReadWarningListener) (source, text) -> warning[0] = text);
                reader.setInput(in, true, true);
                reader.read(0, subsampled(reader.getDefaultReadParam(), width, height));
                return warning[0] == null ? null : reason(warning[0]);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof EOFException) {
                    return TRUNCATED;
                }
            }
            return reason(String.valueOf(e.getMessage()));
        }
    }

    private static final String TRUNCATED = PngDataCheck.TRUNCATED;

    private static String reason(String decoderMessage) {
        String message = decoderMessage.toLowerCase(Locale.ROOT);
        return message.contains("premature") || message.contains("end of") || message.contains("eof") ? TRUNCATED
                : PngDataCheck.CORRUPT;
    }

    private static ImageReadParam subsampled(ImageReadParam param, int width, int height) {
        int step = (int) Math.ceil(Math.sqrt((double) width * height / MAX_DECODED_PIXELS));
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        return param;
    }
}
