package dev.i2v.storage;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where objects are kept.
 *
 * @param root directory of the filesystem store; every service that shares objects points at the same one
 */
@ConfigurationProperties("i2v.storage")
@Validated
public record StorageProperties(@NotNull @DefaultValue(".local-stack/objects") Path root) {
}
