package dev.i2v.credits;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import dev.i2v.kit.internal.EnableInternalApi;

@SpringBootApplication
@EnableInternalApi
@ConfigurationPropertiesScan
@EnableScheduling
public class CreditsApplication {

    public static void main(String[] args) {
        SpringApplication.run(CreditsApplication.class, args);
    }
}
