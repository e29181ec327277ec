package dev.i2v.gateway.downstream;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.problems.GatewayException;

/** job-service's internal API. */
@Component
public class JobsClient {

    private static final String SERVICE = "the job service";

    private final RestClient http;
    private final JsonMapper json;

    JobsClient(DownstreamClients clients, JsonMapper json) {
        this.http = clients.jobs();
        this.json = json;
    }

    public JobsApi.JobView create(JobsApi.CreateJob request) {
        return DownstreamCalls.call(SERVICE, "job", Set.of(), json, () ->
                http.post().uri("/internal/jobs").body(request).retrieve().body(JobsApi.JobView.class));
    }

    /**
     * The job if job-service has it, empty if it answers that it has not.
     *
     * @throws GatewayException {@code unavailable} when job-service cannot say
     */
    public Optional<JobsApi.JobView> find(UUID id) {
        try {
            return Optional.of(get(id));
        } catch (GatewayException e) {
            if ("not_found".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public JobsApi.JobView get(UUID id) {
        return DownstreamCalls.call(SERVICE, "video", Set.of(), json, () ->
                http.get().uri("/internal/jobs/{id}", id).retrieve().body(JobsApi.JobView.class));
    }

    /**
     * Creates {@code request} as the requeue of the failed job {@code failedJobId}; 409 {@code job_not_requeueable}
     * and {@code already_requeued} reach the caller as they are.
     */
    public JobsApi.JobView requeue(UUID failedJobId, JobsApi.CreateJob request) {
        return DownstreamCalls.call(SERVICE, "video", Set.of(HttpStatus.CONFLICT), json, () -> http.post()
                .uri("/internal/admin/jobs/{id}/requeue", failedJobId).body(request).retrieve()
                .body(JobsApi.JobView.class));
    }

    /** 409 job_not_cancellable reaches the client as it is. */
    public JobsApi.JobView cancel(UUID id) {
        return DownstreamCalls.call(SERVICE, "video", Set.of(HttpStatus.CONFLICT), json, () ->
                http.post().uri("/internal/jobs/{id}/cancel", id).retrieve().body(JobsApi.JobView.class));
    }

    /** Hides the job from its owner, cancelling it first if it has not finished. */
    public JobsApi.DeletedJob delete(UUID id) {
        return DownstreamCalls.call(SERVICE, "video", Set.of(), json, () ->
                http.delete().uri("/internal/jobs/{id}", id).retrieve().body(JobsApi.DeletedJob.class));
    }

    /** The account's webhook signing secret (made on first use). */
    public JobsApi.WebhookSecret webhookSecret(UUID accountId) {
        return DownstreamCalls.call(SERVICE, "account", Set.of(), json, () ->
                http.get().uri("/internal/accounts/{id}/webhook-secret", accountId).retrieve()
                        .body(JobsApi.WebhookSecret.class));
    }

    public JobPage list(UUID accountId, String status, String cursor, int limit) {
        return list(accountId, status, cursor, limit, false);
    }

    /** As above, oldest first when {@code oldestFirst}. */
    public JobPage list(UUID accountId, String status, String cursor, int limit, boolean oldestFirst) {
        return DownstreamCalls.call(SERVICE, "video", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.get().uri(b -> b.path("/internal/jobs").queryParam("account_id", accountId)
                                .queryParamIfPresent("status", Optional.ofNullable(status))
                                .queryParamIfPresent("cursor", Optional.ofNullable(cursor))
                                .queryParam("limit", limit).queryParam("order", oldestFirst ? "asc" : "desc").build())
                        .retrieve().body(JobPage.class));
    }

    /** Operators' search over every account's jobs; the filters are passed on as the operator wrote them. */
    public JobsApi.JobPage search(Map<String, String> filters, String cursor, int limit) {
        return DownstreamCalls.call(SERVICE, "job", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.get().uri(b -> {
                    filters.forEach((name, value) -> b.queryParamIfPresent(name, Optional.ofNullable(value)));
                    return b.path("/internal/admin/jobs").queryParamIfPresent("cursor", Optional.ofNullable(cursor))
                            .queryParam("limit", limit).build();
                }).retrieve().body(JobsApi.JobPage.class));
    }

    /** One job's whole record, deleted or not. */
    public JobsApi.JobRecord record(UUID id) {
        return DownstreamCalls.call(SERVICE, "job", Set.of(), json, () ->
                http.get().uri("/internal/admin/jobs/{id}", id).retrieve().body(JobsApi.JobRecord.class));
    }

    public JobsApi.Overview overview() {
        return DownstreamCalls.call(SERVICE, "overview", Set.of(), json, () ->
                http.get().uri("/internal/admin/overview").retrieve().body(JobsApi.Overview.class));
    }

    /** The model catalogue as data. */
    public JobsApi.CatalogueList catalogue() {
        return DownstreamCalls.call(SERVICE, "model", Set.of(), json, () ->
                http.get().uri("/internal/models").retrieve().body(JobsApi.CatalogueList.class));
    }

    public JobsApi.CatalogueModel putModel(String id, JobsApi.CatalogueModelRequest request) {
        return DownstreamCalls.call(SERVICE, "model", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.put().uri("/internal/models/{id}", id).body(request).retrieve().body(JobsApi.CatalogueModel.class));
    }

    public JobsApi.PauseList pauses() {
        return DownstreamCalls.call(SERVICE, "pause", Set.of(), json, () ->
                http.get().uri("/internal/pauses").retrieve().body(JobsApi.PauseList.class));
    }

    public JobsApi.Pause pause(String kind, String name, JobsApi.PauseRequest request) {
        return DownstreamCalls.call(SERVICE, "pause", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.put().uri("/internal/pauses/{kind}/{name}", kind, name).body(request).retrieve()
                        .body(JobsApi.Pause.class));
    }

    /** Resumes; answers the pause that ended (404 not_found when it was not paused). */
    public JobsApi.Pause resume(String kind, String name) {
        return DownstreamCalls.call(SERVICE, "pause", Set.of(HttpStatus.BAD_REQUEST), json, () ->
                http.delete().uri("/internal/pauses/{kind}/{name}", kind, name).retrieve().body(JobsApi.Pause.class));
    }

    /** A page of jobs as job-service lists them; an empty cursor means the last page. */
    public record JobPage(List<JobsApi.JobView> data, String nextCursor) {
    }
}
