package dev.i2v.storage;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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
}
