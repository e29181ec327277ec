package dev.i2v.credits;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the credits integration tests: one application context on the shared real servers. */
@CreditsIntegrationTest
public abstract class CreditsITBase {

    @DynamicPropertySource
    protected static void servers(DynamicPropertyRegistry registry) {
        TestServersProperties.register(registry);
    }
}
