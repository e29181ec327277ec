package dev.i2v.jobs.providertasks;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code i2v.jobs.provider-budgets.routes.<route>.*}: each provider account's real limits, for the whole deployment.
 * job-service is the one place every worker asks, so the budgets hold whatever the number of workers and replicas.
 * A route without an entry has no deployment-wide budget (only each worker's own limits).
 *
 * @param routes by route (the account name the workers use in {@code i2v.providers.<account>})
 */
@ConfigurationProperties("i2v.jobs.provider-budgets")
@Validated
public record RouteBudgetProperties(@DefaultValue({}) Map<String, @Valid Budget> routes) {

    /**
     * @param maxConcurrent    tasks open at once (created and not ended), e.g. Runway's concurrency tier; null: no limit
     * @param createsPerMinute creates in any 60 seconds, e.g. MiniMax's RPM; null: no limit
     */
    public record Budget(@Min(1) Integer maxConcurrent, @Min(1) Integer createsPerMinute) {
    }

    Budget of(String route) {
        return routes.get(route);
    }
}
