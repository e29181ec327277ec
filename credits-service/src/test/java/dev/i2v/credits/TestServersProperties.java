package dev.i2v.credits;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.i2v.infra.TestServers;

/** Points credits-service at the shared test servers, and at the stand-in for job-service's internal API. */
public final class TestServersProperties {

    private TestServersProperties() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("credits").forEach((k, v) -> registry.add(k, () -> v));
        registry.add("i2v.credits.jobs-url", JobServiceStandIn::baseUrl);
    }
}
