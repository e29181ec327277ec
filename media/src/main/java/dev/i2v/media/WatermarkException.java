package dev.i2v.media;

/** The watermarked rendition could not be made (an unreadable or unwritable file): worth another try. */
public class WatermarkException extends RuntimeException {

    public WatermarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
