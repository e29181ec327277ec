package dev.i2v.credits;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the credits integration tests: one application context on the shared real servers. */
@CreditsIntegrationTest
abstract class CreditsITBase {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServersProperties.register(registry);
    }
}
