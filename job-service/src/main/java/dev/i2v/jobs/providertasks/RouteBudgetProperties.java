package dev.i2v.jobs.providertasks;

import java.util.HashMap;
import java.util.List;
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
     * @param models           the public models served through this route (the workers' {@code i2v.models.<m>.routes}):
     *                         the scheduler admits a model's jobs only while its routes have room, so jobs over the
     *                         budget wait in their turn in job-service rather than in a worker
     */
    public record Budget(@Min(1) Integer maxConcurrent, @Min(1) Integer createsPerMinute,
                         @DefaultValue({}) List<String> models) {
    }

    /**
     * What a model's routes take together (a route that serves several models counts for each; the route slots
     * still hold the route's own budget). A limit is null when one of the model's routes has none.
     */
    public record ModelBudget(Integer maxConcurrent, Integer createsPerMinute) {
    }

    Budget of(String route) {
        return routes.get(route);
    }

    /** Per model named by some route: its routes' budgets summed. */
    public Map<String, ModelBudget> byModel() {
        Map<String, ModelBudget> models = new HashMap<>();
        routes.values().forEach(budget -> budget.models().forEach(model -> models.merge(model,
                new ModelBudget(budget.maxConcurrent(), budget.createsPerMinute()),
                (a, b) -> new ModelBudget(sum(a.maxConcurrent(), b.maxConcurrent()),
                        sum(a.createsPerMinute(), b.createsPerMinute())))));
        return models;
    }

    private static Integer sum(Integer a, Integer b) {
        return a == null || b == null ? null : a + b;
    }
}
