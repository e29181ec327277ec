package dev.i2v.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import javax.imageio.ImageIO;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    /** Where each upright pixel comes from in the stored image, as the EXIF specification defines it. */
    private static int[] source(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 1 -> new int[] {x, y};
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, h - 1 - x};
            case 7 -> new int[] {w - 1 - y, h - 1 - x};
            case 8 -> new int[] {w - 1 - y, x};
            default -> throw new IllegalArgumentException();
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyOrientationIsTurnedUprightPixelForPixel(int orientation) {
        int w = 5;
        int h = 3;
        BufferedImage stored = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                stored.setRGB(x, y, (x * 40) << 16 | (y * 80) << 8 | 7);
            }
        }

        BufferedImage upright = ExifOrientation.upright(stored, orientation);

        boolean turned = orientation >= 5;
        assertThat(upright.getWidth()).isEqualTo(turned ? h : w);
        assertThat(upright.getHeight()).isEqualTo(turned ? w : h);
        for (int y = 0; y < upright.getHeight(); y++) {
            for (int x = 0; x < upright.getWidth(); x++) {
                int[] from = source(orientation, x, y, w, h);
                assertThat(upright.getRGB(x, y) & 0xFFFFFF).as("orientation %d at %d,%d", orientation, x, y)
                        .isEqualTo(stored.getRGB(from[0], from[1]) & 0xFFFFFF);
            }
        }
    }

    @Test
    void aPortraitPhotoStoredSidewaysDecodesUpright() throws Exception {
        byte[] jpeg = withOrientation(jpeg(640, 480), 6);

        BufferedImage decoded = ImageDecoder.decode(jpeg);

        assertThat(ExifOrientation.of(jpeg)).isEqualTo(6);
        assertThat(decoded.getWidth()).isEqualTo(480);
        assertThat(decoded.getHeight()).isEqualTo(640);
    }

    @Test
    void anImageWithoutExifOrWithUnreadableExifIsUpright() throws Exception {
        assertThat(ExifOrientation.of(jpeg(640, 480))).isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ExifOrientation.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 4, 'E', 'x'}))
                .isEqualTo(ExifOrientation.UPRIGHT);
        assertThat(ImageDecoder.decode(jpeg(640, 480)).getWidth()).isEqualTo(640);
    }

    private static byte[] jpeg(int w, int h) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR), "jpg", out);
        return out.toByteArray();
    }

    /** The JPEG with an APP1 Exif segment (big-endian TIFF, one IFD0 entry: Orientation) after its SOI marker. */
    private static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] exif = ByteBuffer.allocate(6 + tiff.capacity()).put("Exif\0\0".getBytes()).put(tiff.array()).array();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, 2).put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif)
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
