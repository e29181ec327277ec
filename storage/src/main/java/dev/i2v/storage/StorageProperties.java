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
 * @param s3    an S3 bucket instead of the directory, when its name is set
 */
@ConfigurationProperties("i2v.storage")
@Validated
public record StorageProperties(
        @NotNull @DefaultValue(".local-stack/objects") Path root,
        @Valid @NotNull @DefaultValue Links links,
        @Valid @NotNull @DefaultValue S3 s3) {

    /**
     * The S3 store. Credentials come from the AWS SDK's default chain (environment {@code AWS_ACCESS_KEY_ID}
     * and {@code AWS_SECRET_ACCESS_KEY}, a web identity on EKS, instance profiles, ...), never from here.
     *
     * @param bucket    the bucket; setting it switches the store to S3
     * @param region    its region
     * @param endpoint  an S3-compatible server's address (MinIO, Ceph, R2, ...); AWS when unset
     * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint}
     */
    public record S3(String bucket, @NotNull @DefaultValue("us-east-1") String region, URI endpoint,
                     @DefaultValue("false") boolean pathStyle) {

        public boolean enabled() {
            return bucket != null && !bucket.isBlank();
        }
    }

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
