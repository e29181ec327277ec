package dev.i2v.gateway.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;

import dev.i2v.fixtures.TestImages;

class PngDataCheckTest {

    @Test
    void wholeImagesOfEveryColourTypePass() throws IOException {
        assertThat(PngDataCheck.problem(TestImages.gradient("png", 640, 480))).isNull();
        for (int type : new int[] {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
                BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_BYTE_BINARY,
                BufferedImage.TYPE_3BYTE_BGR}) {
            assertThat(PngDataCheck.problem(png(new BufferedImage(333, 257, type), false))).as("type %d", type).isNull();
        }
    }

    @Test
    void cutOrDamagedDataIsRefusedAsTheDecoderWouldFailIt() {
        byte[] png = TestImages.gradient("png", 640, 480);

        assertThat(PngDataCheck.problem(Arrays.copyOf(png, png.length / 2))).isEqualTo(PngDataCheck.TRUNCATED);
        assertThat(PngDataCheck.problem(Arrays.copyOf(png, png.length - 12))).as("no IEND")
                .isEqualTo(PngDataCheck.TRUNCATED);
        assertThat(PngDataCheck.problem(TestImages.corrupted(png))).isEqualTo(PngDataCheck.CORRUPT);
        assertThat(PngDataCheck.problem(TestImages.pngHeaderOnly(640, 480))).isEqualTo(PngDataCheck.TRUNCATED);
    }

    /** Damage that a chunk's CRC does not catch (the CRC written anew) is caught by the stream or the rows. */
    @Test
    void damageBehindAValidCrcIsStillRefused() {
        byte[] png = TestImages.gradient("png", 640, 480);
        int idat = indexOf(png, "IDAT") - 4;
        int length = ByteBuffer.wrap(png, idat, 4).getInt();
        byte[] damaged = png.clone();
        for (int i = idat + 8 + length / 2; i < idat + 8 + length / 2 + 64; i++) {
            damaged[i] ^= (byte) 0x5A;
        }
        CRC32 crc = new CRC32();
        crc.update(damaged, idat + 4, 4 + length);
        ByteBuffer.wrap(damaged, idat + 8 + length, 4).putInt((int) crc.getValue());

        assertThat(PngDataCheck.problem(damaged)).isEqualTo(PngDataCheck.CORRUPT);
    }

    @Test
    void anInterlacedImageIsLeftToTheDecoder() throws IOException {
        byte[] interlaced = png(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), true);

        assertThat(PngDataCheck.problem(interlaced)).isEqualTo(PngDataCheck.NOT_CHECKED);
        assertThat(ImageDecodeCheck.problem(ImageFormat.PNG, interlaced, 320, 240)).isNull();
        assertThat(ImageDecodeCheck.problem(ImageFormat.PNG, Arrays.copyOf(interlaced, interlaced.length / 2), 320, 240))
                .isNotNull();
    }

    private static byte[] png(BufferedImage image, boolean interlaced) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(interlaced ? ImageWriteParam.MODE_DEFAULT : ImageWriteParam.MODE_DISABLED);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= bytes.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException(ascii + " not found");
    }
}
