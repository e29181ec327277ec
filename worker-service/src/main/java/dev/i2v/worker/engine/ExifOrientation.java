package dev.i2v.worker.engine;

import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * The EXIF orientation of a photo (1-8): phones store the pixels as the sensor saw them and say in EXIF
 * how to turn them. ImageIO ignores it, so without this a portrait photo would be animated lying on its side.
 */
final class ExifOrientation {

    static final int UPRIGHT = 1;

    private ExifOrientation() {
    }

    /** The orientation the image's EXIF declares; upright when it declares none or cannot be read. */
    static int of(byte[] image) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(image));
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                return orientation >= 1 && orientation <= 8 ? orientation : UPRIGHT;
            }
        } catch (Exception e) {
            // metadata is a hint: an image whose EXIF cannot be read is shown as stored
        }
        return UPRIGHT;
    }

    /** The image turned (and mirrored) as the orientation says, so that it stands upright. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation == UPRIGHT) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> {
                return image;
            }
        }
        boolean turned = orientation >= 5;
        BufferedImage out = new BufferedImage(turned ? h : w, turned ? w : h,
                image.getType() == 0 ? BufferedImage.TYPE_3BYTE_BGR : image.getType());
        new AffineTransformOp(t, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(image, out);
        return out;
    }
}
