package dev.i2v.gateway.web;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param demoKeyFile a file holding an API key the page fills in before sign-in. Only the local stack sets it
 *                    (its demo account's key, {@code .local-stack/demo-api-key}); never set it where the gateway
 *                    is reachable by others, since the page hands the key to whoever opens it.
 */
@ConfigurationProperties("i2v.gateway.web")
public record WebPageProperties(Path demoKeyFile) {
}
