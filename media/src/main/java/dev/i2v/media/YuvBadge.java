package dev.i2v.media;

import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;

/**
 * The watermark's badge for one frame size, as YUV 4:2:0 values with their opacity: drawn once in Java2D
 * (text needs a font rasteriser), then blended into each frame's planes inside its rectangle only.
 * Colours are converted as BT.601 limited range, the encoder's default and what {@code overlay} uses.
 */
public final class YuvBadge {

    private final int left;
    private final int top;
    private final int width;
    private final int height;
    private final byte[] luma;
    private final byte[] lumaAlpha;
    private final byte[] cb;
    private final byte[] cr;
    private final byte[] chromaAlpha;

    private YuvBadge(int left, int top, BufferedImage argb) {
        this.left = left;
        this.top = top;
        this.width = argb.getWidth();
        this.height = argb.getHeight();
        this.luma = new byte[width * height];
        this.lumaAlpha = new byte[width * height];
        int cw = Watermarker.chroma(width);
        int ch = Watermarker.chroma(height);
        this.cb = new byte[cw * ch];
        this.cr = new byte[cw * ch];
        this.chromaAlpha = new byte[cw * ch];
        convert(argb);
    }

    /**
     * The badge in the lower right corner, sized from the frame's shorter side, so it reads the same at 512p and
     * 1080p and leaves most of a portrait (9:16) frame's width free.
     */
    static YuvBadge draw(String text, int frameWidth, int frameHeight) {
        int size = Math.max(12, Math.min(frameWidth, frameHeight) / 18);
        Font font = new Font(Font.SANS_SERIF, Font.BOLD, size);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        Graphics2D p = probe.createGraphics();
        FontMetrics metrics = p.getFontMetrics(font);
        p.dispose();
        int padding = size / 2;
        int width = Math.min(frameWidth, metrics.stringWidth(text) + 2 * padding);
        int height = Math.min(frameHeight, metrics.getHeight() + padding);
        BufferedImage badge = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = badge.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(font);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC, 0.55f));
            g.setColor(Color.BLACK);
            g.fillRoundRect(0, 0, width, height, size, size);
            g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.9f));
            g.setColor(Color.WHITE);
            g.drawString(text, padding, padding / 2 + metrics.getAscent());
        } finally {
            g.dispose();
        }
        // even offsets keep the badge's chroma samples on the frame's
        int left = Math.max(0, frameWidth - width - size) & ~1;
        int top = Math.max(0, frameHeight - height - size) & ~1;
        return new YuvBadge(left, top, badge);
    }

    /** Blends into planes packed as the recorder reads them: Y rows of {@code frameWidth}, then Cb, then Cr. */
    public void blendInto(ByteBuffer planes, int frameWidth, int frameHeight) {
        int w = Math.min(width, frameWidth - left);
        int h = Math.min(height, frameHeight - top);
        for (int y = 0; y < h; y++) {
            blendRow(planes, (top + y) * frameWidth + left, luma, lumaAlpha, y * width, w);
        }
        int fcw = Watermarker.chroma(frameWidth);
        int cbPlane = frameWidth * frameHeight;
        int crPlane = cbPlane + fcw * Watermarker.chroma(frameHeight);
        int cw = Watermarker.chroma(width);
        int rowsOfChroma = Watermarker.chroma(h);
        int columnsOfChroma = Watermarker.chroma(w);
        for (int y = 0; y < rowsOfChroma; y++) {
            int at = (top / 2 + y) * fcw + left / 2;
            blendRow(planes, cbPlane + at, cb, chromaAlpha, y * cw, columnsOfChroma);
            blendRow(planes, crPlane + at, cr, chromaAlpha, y * cw, columnsOfChroma);
        }
    }

    private static void blendRow(ByteBuffer planes, int at, byte[] values, byte[] alphas, int from, int count) {
        for (int i = 0; i < count; i++) {
            int alpha = alphas[from + i] & 0xFF;
            if (alpha != 0) {
                int under = planes.get(at + i) & 0xFF;
                int over = values[from + i] & 0xFF;
                planes.put(at + i, (byte) (under + ((over - under) * alpha + 127) / 255));
            }
        }
    }

    private void convert(BufferedImage argb) {
        int[] pixels = argb.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            luma[i] = (byte) lumaOf(p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF);
            lumaAlpha[i] = (byte) (p >>> 24);
        }
        int cw = Watermarker.chroma(width);
        for (int cy = 0; cy < Watermarker.chroma(height); cy++) {
            for (int cx = 0; cx < cw; cx++) {
                chromaOfBlock(pixels, cx, cy, cy * cw + cx);
            }
        }
    }

    /** A 2×2 block's chroma: its pixels' colours weighted by their opacity, and their mean opacity. */
    private void chromaOfBlock(int[] pixels, int cx, int cy, int at) {
        long alphaSum = 0;
        long cbSum = 0;
        long crSum = 0;
        int count = 0;
        for (int y = 2 * cy; y < Math.min(height, 2 * cy + 2); y++) {
            for (int x = 2 * cx; x < Math.min(width, 2 * cx + 2); x++) {
                int p = pixels[y * width + x];
                int a = p >>> 24;
                int r = p >> 16 & 0xFF;
                int g = p >> 8 & 0xFF;
                int b = p & 0xFF;
                alphaSum += a;
                cbSum += (long) a * (((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                crSum += (long) a * (((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
                count++;
            }
        }
        chromaAlpha[at] = (byte) (alphaSum / count);
        cb[at] = (byte) (alphaSum == 0 ? 128 : cbSum / alphaSum);
        cr[at] = (byte) (alphaSum == 0 ? 128 : crSum / alphaSum);
    }

    private static int lumaOf(int r, int g, int b) {
        return ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
    }

    public int left() {
        return left;
    }

    public int top() {
        return top;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }
}
