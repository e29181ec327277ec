package dev.i2v.localstack;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Input images made by the test. */
public final class Images {

    private Images() {
    }

    public static byte[] gradientPng(int width, int height) throws IOException {
        return gradient(width, height, "png");
    }

    public static byte[] gradientJpeg(int width, int height) throws IOException {
        return gradient(width, height, "jpg");
    }

    private static byte[] gradient(int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.BLUE, width, height, Color.ORANGE));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A PNG whose header is valid (so the gateway accepts it) but whose pixels are missing (so rendering fails). */
    public static byte[] pngWithoutPixels(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes()).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put(new byte[3]);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(33);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).putInt(13).put(ihdr.array())
                .putInt((int) crc.getValue());
        return png.array();
    }

    /** A lossless WebP (VP8L) header declaring a size, with no image data. */
    public static byte[] webpHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(32).put("WEBP".getBytes()).put("VP8L".getBytes()).putInt(20).put((byte) 0x2F);
        b.putInt((width - 1) | (height - 1) << 14);
        return b.array();
    }

    /** A JPEG start and a baseline frame header declaring a size, with nothing after. */
    public static byte[] jpegHeader(int width, int height) {
        ByteBuffer b = ByteBuffer.allocate(21);
        b.put(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8});
        b.putShort((short) height).putShort((short) width).put((byte) 3);
        b.put(new byte[] {1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        return b.array();
    }
}
