package dev.i2v.gateway.images;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks a non-interlaced PNG's data without building its pixels: every chunk's CRC, the compressed stream
 * (inflated by the JDK's native zlib into a small reused buffer, not kept) ending exactly where the header's
 * rows do, a valid filter byte at the start of each row, and a palette where the colour type needs one. That is
 * what a decoder needs to succeed, at a fraction of ImageIO's cost (the full decode was 15 % of a submit's CPU
 * in the gateway, 2026-12-07); an interlaced PNG is left to the decoder ({@link #NOT_CHECKED}).
 */
final class PngDataCheck {

    static final String NOT_CHECKED = "interlaced";
    static final String TRUNCATED = "its data ends before its pixels do";
    static final String CORRUPT = "its pixel data is corrupt";

    private static final int SIGNATURE = 8;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int PLTE = 0x504C5445;

    private PngDataCheck() {
    }

    /** @return null when the data is whole, {@link #NOT_CHECKED}, or why it does not decode */
    static String problem(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        if (png.length < SIGNATURE + 25) {
            return TRUNCATED;
        }
        in.position(SIGNATURE + 8);
        long width = Integer.toUnsignedLong(in.getInt());
        long height = Integer.toUnsignedLong(in.getInt());
        int depth = png[SIGNATURE + 16] & 0xFF;
        int colour = png[SIGNATURE + 17] & 0xFF;
        if (png[SIGNATURE + 20] != 0) {
            return NOT_CHECKED;
        }
        int channels = channels(colour, depth);
        if (channels == 0) {
            return CORRUPT;
        }
        long stride = 1 + (width * channels * depth + 7) / 8;
        Rows rows = new Rows(stride, stride * height);
        return chunks(png, rows, colour == 3);
    }

    /** Walks the chunks from IHDR to IEND, feeding the IDAT data to {@code rows}. */
    private static String chunks(byte[] png, Rows rows, boolean needsPalette) {
        CRC32 crc = new CRC32();
        boolean palette = false;
        int at = SIGNATURE;
        try {
            while (true) {
                if (at + 12 > png.length) {
                    return TRUNCATED;
                }
                long length = Integer.toUnsignedLong(ByteBuffer.wrap(png, at, 4).getInt());
                if (length > png.length - at - 12) {
                    return TRUNCATED;
                }
                int type = ByteBuffer.wrap(png, at + 4, 4).getInt();
                crc.reset();
                crc.update(png, at + 4, 4 + (int) length);
                if ((int) crc.getValue() != ByteBuffer.wrap(png, at + 8 + (int) length, 4).getInt()) {
                    return CORRUPT;
                }
                if (type == PLTE) {
                    palette = true;
                } else if (type == IDAT) {
                    if (needsPalette && !palette) {
                        return CORRUPT;
                    }
                    String problem = rows.feed(png, at + 8, (int) length);
                    if (problem != null) {
                        return problem;
                    }
                } else if (type == IEND) {
                    return rows.complete() ? null : TRUNCATED;
                }
                at += 12 + (int) length;
            }
        } finally {
            rows.end();
        }
    }

    private static int channels(int colour, int depth) {
        boolean eightOrSixteen = depth == 8 || depth == 16;
        return switch (colour) {
            case 0 -> depth == 1 || depth == 2 || depth == 4 || eightOrSixteen ? 1 : 0;
            case 2 -> eightOrSixteen ? 3 : 0;
            case 3 -> depth == 1 || depth == 2 || depth == 4 || depth == 8 ? 1 : 0;
            case 4 -> eightOrSixteen ? 2 : 0;
            case 6 -> eightOrSixteen ? 4 : 0;
            default -> 0;
        };
    }

    /** The inflated rows, counted and their filter bytes checked as they come; nothing is kept. */
    private static final class Rows {

        private final long stride;
        private final long expected;
        private final Inflater inflater = new Inflater();
        private final byte[] buffer = new byte[64 * 1024];
        private long produced;

        Rows(long stride, long expected) {
            this.stride = stride;
            this.expected = expected;
        }

        String feed(byte[] data, int offset, int length) {
            inflater.setInput(data, offset, length);
            try {
                while (!inflater.finished() && !inflater.needsInput()) {
                    int n = inflater.inflate(buffer);
                    if (n == 0 && inflater.needsDictionary()) {
                        return CORRUPT;
                    }
                    if (produced + n > expected || !filtersValid(n)) {
                        return CORRUPT;
                    }
                    produced += n;
                }
            } catch (DataFormatException e) {
                return CORRUPT;
            }
            return null;
        }

        /** Every row starts with its filter type, 0 to 4. */
        private boolean filtersValid(int n) {
            long first = (produced + stride - 1) / stride * stride;
            for (long row = first; row < produced + n; row += stride) {
                if ((buffer[(int) (row - produced)] & 0xFF) > 4) {
                    return false;
                }
            }
            return true;
        }

        boolean complete() {
            return inflater.finished() && produced == expected;
        }

        void end() {
            inflater.end();
        }
    }
}
