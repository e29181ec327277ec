package dev.i2v.kit.callbacks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed callback links: {@code <public base>/v1/provider-callbacks/<provider>/<job id>.<attempt>.<signature>}, the
 * signature an HMAC-SHA256 of provider, job and attempt. MiniMax, Kling and Luma do not sign their callbacks, so the
 * link itself is the secret: only a link a worker made is accepted, and it names the attempt whose task to look at.
 * A callback is never trusted for a result either way — it only makes the worker query the task at once.
 *
 * <p>The key is derived from the internal token every service already holds, so operators set no second secret;
 * rotating the internal token invalidates the links of tasks in flight, which then complete by polling.
 */
public final class CallbackLinks {

    /** The public path prefix of the callback route. */
    public static final String PATH = "/v1/provider-callbacks";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;

    /** The job attempt a verified link names. */
    public record Target(String provider, UUID jobId, int attempt) {
    }

    public CallbackLinks(String internalToken) {
        this.key = hmac(internalToken.getBytes(StandardCharsets.UTF_8), "i2v provider callbacks v1");
    }

    /** The link for one attempt's task at {@code provider}, under the gateway's public address. */
    public URI link(URI publicBase, String provider, UUID jobId, int attempt) {
        String base = publicBase.toString().replaceAll("/+$", "");
        return URI.create(base + PATH + "/" + provider + "/" + token(provider, jobId, attempt));
    }

    /** The token part of a link. */
    public String token(String provider, UUID jobId, int attempt) {
        return jobId + "." + attempt + "." + URL.encodeToString(hmac(key, provider + "|" + jobId + "|" + attempt));
    }

    /** What a token names, if a worker of this deployment made it for {@code provider}; empty for anything else. */
    public Optional<Target> verify(String provider, String token) {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            UUID jobId = UUID.fromString(parts[0]);
            int attempt = Integer.parseInt(parts[1]);
            byte[] expected = token(provider, jobId, attempt).getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))
                    ? Optional.of(new Target(provider, jobId, attempt)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
