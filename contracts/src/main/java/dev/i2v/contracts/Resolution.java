package dev.i2v.contracts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output resolution as the API writes it, e.g. {@code 768P}: the short side of the video in lines. The one
 * place the text is read; records carry its {@link #wireName()}.
 */
public record Resolution(int lines) {

    private static final Pattern WIRE = Pattern.compile("(\\d{3,4})P");

    public Resolution {
        if (lines < 100 || lines > 9999) {
            throw new IllegalArgumentException("a resolution has 100 to 9999 lines, not " + lines);
        }
    }

    /** {@code 768P} (or {@code 768p}); empty for anything else. */
    public static Optional<Resolution> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = WIRE.matcher(text.toUpperCase(Locale.ROOT));
        return m.matches() ? Optional.of(new Resolution(Integer.parseInt(m.group(1)))) : Optional.empty();
    }

    /** e.g. {@code 768P}. */
    public String wireName() {
        return lines + "P";
    }

    /** Above 768 lines a clip is HD, and priced so. */
    public boolean hd() {
        return lines > 768;
    }
}
