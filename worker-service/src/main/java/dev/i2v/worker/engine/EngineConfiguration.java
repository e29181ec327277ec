package dev.i2v.worker.engine;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean
    VideoEngine localEngine() {
        return new LocalKenBurnsEngine();
    }
}
