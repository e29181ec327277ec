package dev.i2v.gateway.admin;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.operators.Operator;
import dev.i2v.gateway.videos.VideoJson;

/** {@code /admin/v1/jobs}: operators' search, job records, force-cancel and refunds. */
@RestController
class AdminJobsController {

    private final JobAdministration administration;
    private final JobsClient jobs;

    AdminJobsController(JobAdministration administration, JobsClient jobs) {
        this.administration = administration;
        this.jobs = jobs;
    }

    /**
     * Every account's jobs, newest first, filtered by account, status, model, provider, provider route (account), lane
     * and creation time.
     */
    @GetMapping("/admin/v1/jobs")
    JobsApi.JobPage search(@RequestParam(name = "account_id", required = false) String accountId,
                           @RequestParam(required = false) String status, @RequestParam(required = false) String model,
                           @RequestParam(required = false) String provider, @RequestParam(required = false) String route,
                           @RequestParam(required = false) String lane,
                           @RequestParam(name = "created_from", required = false) String createdFrom,
                           @RequestParam(name = "created_to", required = false) String createdTo,
                           @RequestParam(required = false) String cursor, @RequestParam(defaultValue = "50") int limit) {
        return administration.search(accountId, status, model, provider, route, lane, createdFrom, createdTo, cursor, limit);
    }

    /** The queues now: per lane, per model and per provider route. */
    @GetMapping("/admin/v1/overview")
    JobsApi.Overview overview() {
        return jobs.overview();
    }

    @GetMapping("/admin/v1/jobs/{id}")
    JobAdministration.JobDossier job(@PathVariable UUID id) {
        return administration.dossier(id);
    }

    @PostMapping("/admin/v1/jobs/{id}/cancel")
    JobsApi.JobView cancel(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                           @RequestBody(required = false) ReasonRequest request) {
        return administration.forceCancel(operator, id, request == null ? null : request.reason());
    }

    @PostMapping("/admin/v1/jobs/{id}/refund")
    JobAdministration.Refund refund(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                                    @RequestBody(required = false) ReasonRequest request) {
        return administration.refund(operator, id, request == null ? null : request.reason());
    }

    /**
     * A failed job submitted again as a new job (same account, inputs and webhook, held at today's price): 201 with the
     * new job; once per failed job.
     */
    @PostMapping("/admin/v1/jobs/{id}/requeue")
    @ResponseStatus(HttpStatus.CREATED)
    VideoJson requeue(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable UUID id,
                      @RequestBody(required = false) ReasonRequest request) {
        return administration.requeue(operator, id, request == null ? null : request.reason());
    }

    record ReasonRequest(String reason) {
    }
}
