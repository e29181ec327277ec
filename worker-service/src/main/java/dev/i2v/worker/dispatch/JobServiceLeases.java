package dev.i2v.worker.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.worker.JobServiceClient;
import dev.i2v.worker.WorkerProperties;

/** {@link Leases} on job-service's internal API. */
@Component
class JobServiceLeases implements Leases {

    private static final Logger log = LoggerFactory.getLogger(JobServiceLeases.class);

    private final RestClient jobs;
    private final JsonMapper json;
    private final String workerId;

    JobServiceLeases(WorkerProperties properties, InternalApiProperties internal, JsonMapper json,
                     DispatchPreparation preparation) {
        this.jobs = JobServiceClient.create(properties, internal);
        this.json = json;
        this.workerId = preparation.workerId();
    }

    @Override
    public Optional<JobsApi.Claim> claim(UUID jobId, int attempt) {
        return call("claim of job " + jobId, jobs.post()
                .uri("/internal/jobs/{id}/attempts/{attempt}/claims", jobId, attempt)
                .body(json.writeValueAsString(new JobsApi.ClaimRequest(workerId))), JobsApi.Claim.class);
    }

    @Override
    public List<JobsApi.Lease> renew(List<JobsApi.Lease> leases) {
        return call("heartbeat", jobs.post().uri("/internal/leases/heartbeat")
                .body(json.writeValueAsString(new JobsApi.Heartbeat(workerId, leases))), JobsApi.HeartbeatAnswer.class)
                .orElseThrow(() -> new Unavailable("job-service refused the heartbeat", null))
                .lost();
    }

    @Override
    public void release(JobsApi.Lease lease, boolean crashed) {
        try {
            call("release of job " + lease.jobId(), jobs.post().uri("/internal/leases/release")
                    .body(json.writeValueAsString(new JobsApi.Release(workerId, lease, crashed))), Void.class);
        } catch (Unavailable e) {
            log.warn("could not hand job {} back ({}); its lease runs out instead", lease.jobId(), e.getMessage());
        }
    }

    /** The answer; empty on a 409 or 404 (not ours); {@link Unavailable} on anything else. */
    private <T> Optional<T> call(String what, RestClient.RequestBodySpec request, Class<T> answer) {
        try {
            return request.contentType(MediaType.APPLICATION_JSON).exchange((req, res) -> {
                byte[] body = res.getBody().readAllBytes();
                if (res.getStatusCode().is2xxSuccessful()) {
                    return answer == Void.class || body.length == 0 ? Optional.<T>empty()
                            : Optional.of(json.readValue(body, answer));
                }
                if (res.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)
                        || res.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                    log.debug("{} refused: {}", what, new String(body));
                    return Optional.<T>empty();
                }
                throw new Unavailable(what + ": job-service answered " + res.getStatusCode().value() + " "
                        + new String(body), null);
            });
        } catch (Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unavailable(what + ": job-service could not be reached: " + e.getMessage(), e);
        }
    }
}
