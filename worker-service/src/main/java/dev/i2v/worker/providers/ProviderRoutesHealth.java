package dev.i2v.worker.providers;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * {@code /actuator/health} → {@code providerRoutes}: each provider account's breaker state and recent failures. Always
 * UP: a provider's outage is not the worker's (it must not be restarted or taken out of service for it, and local
 * jobs still run); the details and {@code resilience4j_circuitbreaker_state} are what operators watch.
 */
@Component("providerRoutes")
class ProviderRoutesHealth implements HealthIndicator {

    private final CircuitBreakerRegistry breakers;

    ProviderRoutesHealth(CircuitBreakerRegistry breakers) {
        this.breakers = breakers;
    }

    @Override
    public Health health() {
        Map<String, Object> routes = new TreeMap<>();
        for (CircuitBreaker breaker : breakers.getAllCircuitBreakers()) {
            CircuitBreaker.Metrics metrics = breaker.getMetrics();
            routes.put(breaker.getName(), Map.of("state", breaker.getState().name(),
                    "failed_calls", metrics.getNumberOfFailedCalls(),
                    "buffered_calls", metrics.getNumberOfBufferedCalls()));
        }
        return Health.up().withDetail("routes", routes).build();
    }
}
