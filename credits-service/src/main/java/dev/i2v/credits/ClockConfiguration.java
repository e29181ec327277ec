package dev.i2v.credits;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    /** Replaced in tests that move time. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
