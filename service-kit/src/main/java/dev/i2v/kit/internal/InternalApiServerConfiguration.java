package dev.i2v.kit.internal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalApiProperties.class)
class InternalApiServerConfiguration {

    @Bean
    FilterRegistrationBean<InternalApiGuard> internalApiGuard(InternalApiProperties properties) {
        FilterRegistrationBean<InternalApiGuard> registration = new FilterRegistrationBean<>(new InternalApiGuard(properties));
        registration.addUrlPatterns("/internal/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
