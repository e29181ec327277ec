package dev.i2v.gateway.auth;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Optional sign-in with an OIDC provider's access tokens, beside API keys. Off unless both the issuer
 * and its key set are configured.
 *
 * @param issuer    the tokens' {@code iss}, exactly as the provider writes it
 * @param jwkSetUri where the provider publishes its signing keys (JWKS)
 * @param audience  when set, a token's {@code aud} must contain it
 */
@ConfigurationProperties("i2v.gateway.oidc")
public record OidcProperties(String issuer, URI jwkSetUri, String audience) {

    boolean enabled() {
        return issuer != null && !issuer.isBlank() && jwkSetUri != null;
    }
}
