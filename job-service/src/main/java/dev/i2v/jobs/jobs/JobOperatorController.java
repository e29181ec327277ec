package dev.i2v.jobs.jobs;

import java.time.Instant;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;

/** {@code /internal/admin/jobs}: operators' search and job records (through the gateway's {@code /admin/v1/jobs}). */
@RestController
@RequestMapping("/internal/admin")
class JobOperatorController {

    private final JobOperatorQueries queries;
    private final RequeueJobService requeues;

    JobOperatorController(JobOperatorQueries queries, RequeueJobService requeues) {
        this.queries = queries;
        this.requeues = requeues;
    }

    @GetMapping("/overview")
    JobsApi.Overview overview() {
        return queries.overview();
    }

    @GetMapping("/jobs")
    JobsApi.JobPage search(@RequestParam(name = "account_id", required = false) UUID accountId,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String model,
                           @RequestParam(required = false) String provider,
                           @RequestParam(required = false) String route,
                           @RequestParam(required = false) String lane,
                           @RequestParam(name = "created_from", required = false) Instant createdFrom,
                           @RequestParam(name = "created_to", required = false) Instant createdTo,
                           @RequestParam(required = false) UUID cursor,
                           @RequestParam(defaultValue = "50") int limit) {
        return queries.search(JobOperatorQueries.criteria(accountId, status, model, provider, route, lane, createdFrom,
                createdTo), cursor, limit);
    }

    @GetMapping("/jobs/{id}")
    JobsApi.JobRecord record(@PathVariable UUID id) {
        return queries.record(id);
    }

    /** The failed job {@code id} requeued as the job in the body: 201 with the new job's view. */
    @PostMapping("/jobs/{id}/requeue")
    @ResponseStatus(HttpStatus.CREATED)
    JobsApi.JobView requeue(@PathVariable UUID id, @RequestBody JobsApi.CreateJob request) {
        return requeues.requeue(id, request).view();
    }
}
