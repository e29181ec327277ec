package dev.i2v.gateway.admin;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.operators.Operator;

/** {@code /admin/v1/pauses/{kind}/{name}}: pause and resume a lane, a model or a route. */
@RestController
class AdminPausesController {

    private final PauseAdministration pauses;
    private final JobsClient jobs;

    AdminPausesController(PauseAdministration pauses, JobsClient jobs) {
        this.pauses = pauses;
        this.jobs = jobs;
    }

    @GetMapping("/admin/v1/pauses")
    JobsApi.PauseList pauses() {
        return jobs.pauses();
    }

    /** {@code mode}: {@code queue} (new submits wait, the default) or {@code refuse} (they answer 503). */
    @PutMapping("/admin/v1/pauses/{kind}/{name}")
    JobsApi.Pause pause(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String kind,
                        @PathVariable String name, @RequestBody(required = false) PauseRequest request) {
        return pauses.pause(operator, kind, name, request == null ? null : request.mode(),
                request == null ? null : request.reason());
    }

    /** Resumes: waiting jobs are admitted again in their order; answers the pause that ended. */
    @DeleteMapping("/admin/v1/pauses/{kind}/{name}")
    JobsApi.Pause resume(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String kind,
                         @PathVariable String name, @RequestParam(required = false) String reason) {
        return pauses.resume(operator, kind, name, reason);
    }

    record PauseRequest(String mode, String reason) {
    }
}
