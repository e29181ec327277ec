package dev.i2v.credits;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.i2v.infra.TestServers;

/** Points credits-service at the shared test servers. */
final class TestServersProperties {

    private TestServersProperties() {
    }

    static void register(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("credits").forEach((k, v) -> registry.add(k, () -> v));
    }
}
