package dev.i2v.jobs.providertasks;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi.RouteSlot;
import dev.i2v.contracts.api.JobsApi.RouteSlotRequest;

/** The workers' side of {@link RouteBudgets}. */
@RestController
@RequestMapping("/internal/jobs/{id}/attempts/{attempt}/route-slots")
class RouteSlotController {

    private final RouteBudgets budgets;

    RouteSlotController(RouteBudgets budgets) {
        this.budgets = budgets;
    }

    @PostMapping
    RouteSlot acquire(@PathVariable UUID id, @PathVariable int attempt, @RequestBody RouteSlotRequest request) {
        return budgets.acquire(id, attempt, request.route(), request.delivery());
    }

    @DeleteMapping("/{route}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable UUID id, @PathVariable int attempt, @PathVariable String route) {
        budgets.release(id, attempt, route);
    }
}
