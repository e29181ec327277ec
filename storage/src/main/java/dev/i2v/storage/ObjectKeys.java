package dev.i2v.storage;

import java.util.regex.Pattern;

/** Validates object keys so that no key can name a place outside the store. */
public final class ObjectKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    private ObjectKeys() {
    }

    /** @throws IllegalArgumentException if the key is not a safe relative key */
    public static String requireValid(String key) {
        if (key == null || key.isEmpty() || key.length() > 512) {
            throw new IllegalArgumentException("object key must be 1-512 characters");
        }
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals("..") || segment.equals(".")) {
                throw new IllegalArgumentException("invalid object key: " + key);
            }
        }
        return key;
    }
}
