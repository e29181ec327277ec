package dev.i2v.gateway.providercallbacks;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code i2v.gateway.provider-callbacks.*}: how the callbacks of hosted providers are verified beyond their signed
 * link.
 *
 * @param falSignatures  whether a fal webhook must carry fal's Ed25519 signature ({@code required}) or is taken on
 *                       its signed link alone ({@code off}, e.g. where the gateway cannot reach fal's key set)
 * @param falJwksUrl     fal's published key set (JWKS)
 * @param falKeysMaxAge  how long fetched keys are used before they are fetched again (fal rotates them; ≤ 24 h)
 * @param falTolerance   how far a webhook's timestamp may be from our clock (a replay older than that is refused)
 */
@ConfigurationProperties("i2v.gateway.provider-callbacks")
@Validated
public record ProviderCallbackProperties(
        @NotNull @DefaultValue("required") FalSignatures falSignatures,
        @NotNull @DefaultValue("https://rest.alpha.fal.ai/.well-known/jwks.json") URI falJwksUrl,
        @NotNull @DefaultValue("12h") Duration falKeysMaxAge,
        @NotNull @DefaultValue("5m") Duration falTolerance) {

    public enum FalSignatures {
        REQUIRED, OFF
    }
}
