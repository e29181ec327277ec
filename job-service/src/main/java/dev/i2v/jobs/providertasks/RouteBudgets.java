package dev.i2v.jobs.providertasks;

import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.JobsApi.RouteSlot;
import dev.i2v.jobs.pauses.Pauses;
import dev.i2v.jobs.problems.JobsException;

/**
 * The deployment's provider budgets: before each create call a worker asks for a slot of the route, and gets one
 * only while the route has fewer than {@code max-concurrent} open tasks and fewer than {@code creates-per-minute}
 * creates in the last 60 seconds (each counted from its call's answer: the task recorded, or the slot released after
 * a failed create). Grants of one route are serialised under a transaction-scoped advisory lock, so
 * any number of job-service replicas never grant past a budget; a job that is not granted waits in its worker and
 * asks again, instead of failing on the provider's 429.
 */
@Service
public class RouteBudgets {

    /** How soon a job waiting for a concurrency slot asks again: tasks take minutes, a slot frees at any moment. */
    static final long CONCURRENCY_RETRY_MILLIS = 1_000;
    /** How soon a job waiting on a paused route asks again: an incident lasts minutes. */
    static final long PAUSED_RETRY_MILLIS = 5_000;

    private final RouteBudgetProperties budgets;
    private final RouteBudgetRepository slots;
    private final ProviderTaskRepository attempts;
    private final MeterRegistry meters;
    private final Pauses pauses;

    RouteBudgets(RouteBudgetProperties budgets, RouteBudgetRepository slots, ProviderTaskRepository attempts,
                 MeterRegistry meters, Pauses pauses) {
        this.pauses = pauses;
        this.budgets = budgets;
        this.slots = slots;
        this.attempts = attempts;
        this.meters = meters;
    }

    /**
     * A slot of the route for one create call of the attempt. The attempt keeps its concurrency slot across calls
     * and takeovers (asking again does not take a second one); every granted call counts as a create.
     */
    @Transactional
    public RouteSlot acquire(UUID jobId, int attempt, String route, int delivery) {
        if (route == null || route.isBlank()) {
            throw new JobsException.InvalidJobRequest("route is required");
        }
        ProviderTaskRepository.AttemptRow row = attempts.find(jobId, false)
                .orElseThrow(() -> new JobsException.JobNotFound(jobId));
        row.checkLive(jobId, attempt, delivery);
        if (pauses.routePaused(route) && !slots.holds(route, jobId, attempt)) {
            return wait(route, PAUSED_RETRY_MILLIS, "paused");
        }
        RouteBudgetProperties.Budget budget = budgets.of(route);
        if (budget == null) {
            attempts.onRoute(jobId, route);
            return RouteSlot.grant();
        }
        slots.lock(route);
        boolean holds = slots.holds(route, jobId, attempt);
        if (!holds && budget.maxConcurrent() != null && slots.held(route) >= budget.maxConcurrent()) {
            return wait(route, CONCURRENCY_RETRY_MILLIS, "max_concurrent");
        }
        if (budget.createsPerMinute() != null) {
            Optional<Long> full = slots.fullForMillis(route, budget.createsPerMinute());
            if (full.isPresent()) {
                return wait(route, Math.max(1, full.get()), "creates_per_minute");
            }
        }
        slots.take(route, jobId, attempt);
        slots.created(route, jobId, attempt);
        attempts.onRoute(jobId, route);
        meters.counter("i2v.provider.budget.grants", "route", route).increment();
        return RouteSlot.grant();
    }

    /**
     * The attempt's task on the route ended, or its create made none: the slot is free for another job, and a create
     * call still unanswered was answered (refused, failed) now.
     */
    @Transactional
    public void release(UUID jobId, int attempt, String route) {
        slots.release(route, jobId, attempt);
        slots.answered(route, jobId, attempt);
    }

    private RouteSlot wait(String route, long millis, String reason) {
        meters.counter("i2v.provider.budget.waits", "route", route, "reason", reason).increment();
        return new RouteSlot(false, millis, reason);
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 5_000)
    @Transactional
    void prune() {
        slots.prune();
    }
}
