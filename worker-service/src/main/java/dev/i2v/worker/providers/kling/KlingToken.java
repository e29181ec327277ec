package dev.i2v.worker.providers.kling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.function.Supplier;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.i2v.worker.providers.ProviderException;

/**
 * Kling's bearer token: an HS256 JWT {@code {iss: accessKey, exp: now+30min, nbf: now-5s}} signed with
 * the secret key. Made anew when the cached one has less than five minutes left.
 */
final class KlingToken implements Supplier<String> {

    private static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private final String accessKey;
    private final MACSigner signer;
    private final Clock clock;
    private String token;
    private Instant expires = Instant.MIN;

    KlingToken(String accessKey, String secretKey, Clock clock) {
        this.accessKey = accessKey;
        this.clock = clock;
        try {
            this.signer = new MACSigner(pad(secretKey.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable Kling secret key", e);
        }
    }

    @Override
    public synchronized String get() {
        Instant now = clock.instant();
        if (now.plus(RENEW_BEFORE).isAfter(expires)) {
            expires = now.plus(LIFETIME);
            token = sign(now);
        }
        return "Bearer " + token;
    }

    private String sign(Instant now) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(accessKey).expirationTime(Date.from(expires))
                .notBeforeTime(Date.from(now.minusSeconds(5))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new ProviderException(ProviderException.Kind.ACCOUNT, "jwt", "cannot sign the Kling token: " + e.getMessage());
        }
        return jwt.serialize();
    }

    /**
     * Nimbus insists on 256-bit HMAC keys. HMAC itself zero-pads a short key to its block size, so zero-padding
     * here yields the very same signature Kling computes.
     */
    private static byte[] pad(byte[] key) {
        return key.length >= 32 ? key : Arrays.copyOf(key, 32);
    }
}
