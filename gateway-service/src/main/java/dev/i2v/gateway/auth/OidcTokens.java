package dev.i2v.gateway.auth;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.gateway.problems.GatewayException;

/**
 * OIDC access tokens as credentials: a token signed by the configured issuer's keys, unexpired, for our
 * audience, whose subject an operator linked to an account, authenticates as that account.
 */
@Service
public class OidcTokens {

    private static final Logger log = LoggerFactory.getLogger(OidcTokens.class);
    private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final OidcProperties properties;
    private final JdbcClient jdbc;
    private final JwtDecoder decoder;

    OidcTokens(OidcProperties properties, JdbcClient jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.decoder = properties.enabled() ? decoder(properties) : null;
    }

    private static JwtDecoder decoder(OidcProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(properties.issuer());
        if (properties.audience() != null && !properties.audience().isBlank()) {
            validator = new DelegatingOAuth2TokenValidator<>(validator, new JwtClaimValidator<List<String>>(
                    "aud", aud -> aud != null && aud.contains(properties.audience())));
        }
        decoder.setJwtValidator(validator);
        return decoder;
    }

    /** The linked account of a valid token; empty for anything else (not a JWT, invalid, unlinked). */
    Optional<UUID> accountFor(String token) {
        if (decoder == null || !JWT.matcher(token).matches()) {
            return Optional.empty();
        }
        try {
            Jwt jwt = decoder.decode(token);
            return jdbc.sql("select account_id from oidc_identities where issuer = :issuer and subject = :subject")
                    .param("issuer", properties.issuer()).param("subject", jwt.getSubject()).query(UUID.class).optional();
        } catch (JwtException e) {
            log.debug("OIDC token refused: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Links the configured issuer's subject to an account; linking it again moves it. */
    @Transactional
    public void link(UUID accountId, String subject) {
        if (!properties.enabled()) {
            throw GatewayException.invalid("invalid_request",
                    "OIDC sign-in is not configured (i2v.gateway.oidc.issuer and jwk-set-uri)");
        }
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw GatewayException.invalid("invalid_request", "subject: 1-255 characters");
        }
        jdbc.sql("""
                        insert into oidc_identities (issuer, subject, account_id) values (:issuer, :subject, :account)
                        on conflict (issuer, subject) do update set account_id = excluded.account_id
                        """)
                .param("issuer", properties.issuer()).param("subject", subject).param("account", accountId).update();
    }
}
