package dev.i2v.gateway.videos;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A create or quote request as the client sent it, from either a multipart form or JSON; any field
 * may be missing. {@code image} is the image's bytes when they came with the request.
 */
public record VideoRequest(String prompt, byte[] image, String imageUrl, String model, Integer duration, String resolution,
                    Boolean promptOptimizer, String lane, String webhookUrl) {

    /**
     * A digest of everything the request asks for, the same whichever way it was sent (form or JSON, any
     * multipart boundary): what an {@code Idempotency-Key} is bound to.
     */
    byte[] fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object field : new Object[] {prompt, imageUrl, model, duration, resolution, promptOptimizer, lane,
                    webhookUrl}) {
                digest.update(String.valueOf(field).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(image == null ? new byte[0] : image);
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
