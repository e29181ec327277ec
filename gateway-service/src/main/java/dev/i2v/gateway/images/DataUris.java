package dev.i2v.gateway.images;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.i2v.gateway.problems.GatewayException;

/** Images sent inline as {@code data:} URIs (base64 only). */
public final class DataUris {

    private static final Pattern DATA_URI = Pattern.compile("^data:([\\w.+-]+/[\\w.+-]+)?(;[\\w-]+=[\\w.-]+)*;base64,(.*)$",
            Pattern.DOTALL);

    private DataUris() {
    }

    public static boolean isDataUri(String value) {
        return value != null && value.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The bytes of a base64 {@code data:} URI, or null for null; {@code field} names it in the 400. */
    public static byte[] decode(String dataUri, String field) {
        if (dataUri == null) {
            return null;
        }
        Matcher m = DATA_URI.matcher(dataUri);
        if (!m.matches()) {
            throw GatewayException.invalid("invalid_image", field + " must be a base64 data: URI");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("invalid_image", field + " is not valid base64");
        }
    }
}
