package dev.i2v.storage;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Gives a service an {@link ObjectStore}: the filesystem store unless it declares another. */
@AutoConfiguration
@EnableConfigurationProperties(StorageProperties.class)
public class ObjectStoreAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ObjectStore objectStore(StorageProperties properties) {
        return new FileSystemObjectStore(properties.root());
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
