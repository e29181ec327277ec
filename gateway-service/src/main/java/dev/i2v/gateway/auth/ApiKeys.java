package dev.i2v.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Makes and hashes API keys: {@code i2v_} followed by 40 base-62 characters (about 238 bits). */
final class ApiKeys {

    static final String PREFIX = "i2v_";
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String generate() {
        StringBuilder key = new StringBuilder(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            key.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return key.toString();
    }

    static boolean wellFormed(String key) {
        return key != null && key.length() == PREFIX.length() + LENGTH && key.startsWith(PREFIX)
                && key.substring(PREFIX.length()).chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What may be shown of a key: enough to recognise it, not to use it. */
    static String visiblePrefix(String key) {
        return key.substring(0, PREFIX.length() + 6);
    }
}
