package dev.i2v.jobs.jobs;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;

@RestController
@RequestMapping("/internal/jobs")
class JobsController {

    private final SubmitJobService submit;
    private final JobQueryService query;
    private final CancelJobService cancel;

    private final DeleteJobService delete;

    JobsController(SubmitJobService submit, JobQueryService query, CancelJobService cancel, DeleteJobService delete) {
        this.submit = submit;
        this.query = query;
        this.cancel = cancel;
        this.delete = delete;
    }

    @DeleteMapping("/{id}")
    JobsApi.DeletedJob delete(@PathVariable UUID id) {
        return delete.delete(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    JobsApi.JobView create(@RequestBody JobsApi.CreateJob request) {
        return submit.submit(request).view();
    }

    @GetMapping("/{id}")
    JobsApi.JobView get(@PathVariable UUID id) {
        return query.view(id);
    }

    @PostMapping("/{id}/cancel")
    JobsApi.JobView cancel(@PathVariable UUID id) {
        return cancel.cancel(id).view();
    }

    @GetMapping
    Map<String, Object> list(@RequestParam("account_id") UUID accountId,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) UUID cursor,
                             @RequestParam(defaultValue = "20") int limit,
                             @RequestParam(defaultValue = "desc") String order) {
        JobQueryService.Page page = query.list(accountId, status, cursor, limit, "asc".equals(order));
        return Map.of("data", page.jobs().stream().map(Job::view).toList(),
                "next_cursor", page.nextCursor() == null ? "" : page.nextCursor().toString());
    }
}
