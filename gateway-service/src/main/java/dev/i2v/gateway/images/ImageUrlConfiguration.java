package dev.i2v.gateway.images;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.i2v.gateway.GatewayProperties;

/** The production {@code image_url} fetcher: https to public addresses only, capped at the image byte limit. */
@Configuration(proxyBeanMethods = false)
class ImageUrlConfiguration {

    @Bean(destroyMethod = "close")
    ImageUrlFetcher imageUrlFetcher(GatewayProperties properties) {
        return ImageUrlFetcher.publicHttps(properties.images().maxBytes());
    }
}
