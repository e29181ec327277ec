package dev.i2v.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where objects are kept.
 *
 * @param root  directory of the filesystem store; every service that shares objects points at the same one
 * @param links public links to input images for providers that fetch by URL; off unless both the
 *              gateway's public base URL and a shared secret are set
 */
@ConfigurationProperties("i2v.storage")
@Validated
public record StorageProperties(
        @NotNull @DefaultValue(".local-stack/objects") Path root,
        @Valid @NotNull @DefaultValue Links links) {

    /**
     * @param baseUrl  the gateway's public HTTPS address, e.g. {@code https://api.example.com}
     * @param secret   shared by the gateway and the workers; at least 32 characters
     * @param lifetime how long a link works
     */
    public record Links(URI baseUrl, @Size(min = 32) String secret, @NotNull @DefaultValue("1h") Duration lifetime) {

        public boolean enabled() {
            return baseUrl != null && secret != null && !secret.isBlank();
        }
    }
}
