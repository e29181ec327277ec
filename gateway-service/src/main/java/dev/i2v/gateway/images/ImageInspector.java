package dev.i2v.gateway.images;

import org.springframework.stereotype.Component;

import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.problems.GatewayException;

/**
 * Accepts or refuses an input image by the public API's image rules: type by its bytes, size and shape from
 * the header, and only then a bounded, subsampled decode, so that a file that does not decode is refused at
 * submit instead of failing in a worker.
 */
@Component
public class ImageInspector {

    private final GatewayProperties.Images limits;

    ImageInspector(GatewayProperties properties) {
        this.limits = properties.images();
    }

    /** A checked image: its format and size. */
    public record InspectedImage(ImageFormat format, int width, int height, byte[] bytes) {
    }

    public InspectedImage inspect(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw GatewayException.invalid("invalid_image", "the image is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw GatewayException.imageTooLarge("the image is " + bytes.length + " bytes; the limit is " + limits.maxBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        if (format == null) {
            throw GatewayException.unsupportedImageType();
        }
        int[] size = ImageHeaders.dimensions(format, bytes);
        if (size == null || size[0] <= 0 || size[1] <= 0) {
            throw GatewayException.invalid("invalid_image", "the image header is unreadable or truncated");
        }
        check(size[0], size[1]);
        String undecodable = ImageDecodeCheck.problem(format, bytes, size[0], size[1]);
        if (undecodable != null) {
            throw GatewayException.invalid("invalid_image", "the image does not decode: " + undecodable);
        }
        return new InspectedImage(format, size[0], size[1], bytes);
    }

    private void check(int width, int height) {
        if ((long) width * height > limits.maxPixels()) {
            throw GatewayException.imageTooLarge("the image has " + width + "x" + height + " pixels; the limit is "
                    + limits.maxPixels() + " pixels");
        }
        int shortSide = Math.min(width, height);
        if (shortSide < limits.minShortSide()) {
            throw GatewayException.invalid("invalid_image", "the image's short side is " + shortSide
                    + " px; at least " + limits.minShortSide() + " px are needed");
        }
        if ((double) Math.max(width, height) / shortSide > limits.maxAspect()) {
            throw GatewayException.invalid("invalid_image", "the aspect ratio " + width + ":" + height
                    + " is outside 2:5 to 5:2");
        }
    }
}
