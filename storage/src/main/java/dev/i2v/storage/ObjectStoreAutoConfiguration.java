package dev.i2v.storage;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Gives a service an {@link ObjectStore}: the S3 bucket when one is configured, else the directory. */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class ObjectStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObjectStore objectStore(StorageProperties properties) {
        StorageProperties.S3 s3 = properties.s3();
        if (!s3.enabled()) {
            return new FileSystemObjectStore(properties.root());
        }
        var client = software.amazon.awssdk.services.s3.S3Client.builder()
                .region(software.amazon.awssdk.regions.Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle());
        if (s3.endpoint() != null) {
            client.endpointOverride(s3.endpoint());
        }
        return new S3ObjectStore(client.build(), s3.bucket());
    }

    /** Public links to inputs, when configured. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "i2v.storage.links", name = {"base-url", "secret"})
    SignedLinks signedLinks(StorageProperties properties, ObjectProvider<Clock> clock) {
        StorageProperties.Links links = properties.links();
        return new SignedLinks(links.baseUrl(), links.secret(), links.lifetime(), clock.getIfAvailable(Clock::systemUTC));
    }
}
