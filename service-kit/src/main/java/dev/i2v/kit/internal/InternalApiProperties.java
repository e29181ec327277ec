package dev.i2v.kit.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The service credential of the internal APIs.
 *
 * @param token the bearer token every {@code /internal/**} call must carry (environment
 *              {@code I2V_INTERNAL_TOKEN}); at least 24 characters. A service that serves or calls the
 *              internal API refuses to start without it: an internal API must never be open by accident.
 */
@ConfigurationProperties("i2v.internal")
public record InternalApiProperties(String token) {

    public InternalApiProperties {
        if (token == null || token.strip().length() < 24) {
            throw new IllegalArgumentException(
                    "i2v.internal.token (I2V_INTERNAL_TOKEN) must be set to a secret of at least 24 characters");
        }
        token = token.strip();
    }
}
