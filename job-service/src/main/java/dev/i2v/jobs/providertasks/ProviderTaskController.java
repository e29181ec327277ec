package dev.i2v.jobs.providertasks;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi.ProviderTask;

/** The workers' side of {@link ProviderTaskService}. */
@RestController
@RequestMapping("/internal/jobs/{id}/attempts/{attempt}/provider-task")
class ProviderTaskController {

    private final ProviderTaskService tasks;

    ProviderTaskController(ProviderTaskService tasks) {
        this.tasks = tasks;
    }

    @GetMapping
    ProviderTask get(@PathVariable UUID id, @PathVariable int attempt,
                     @RequestParam(required = false) Integer delivery) {
        return tasks.find(id, attempt, delivery);
    }

    @PutMapping
    ProviderTask put(@PathVariable UUID id, @PathVariable int attempt, @RequestBody ProviderTask task) {
        return tasks.record(id, attempt, task);
    }
}
