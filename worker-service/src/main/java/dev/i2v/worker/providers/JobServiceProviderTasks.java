package dev.i2v.worker.providers;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.api.JobsApi.ProviderTask;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.worker.JobServiceClient;
import dev.i2v.worker.WorkerProperties;
import dev.i2v.worker.engine.VideoEngine.Attempt;

/**
 * {@link ProviderTasks} on job-service's internal API ({@code /internal/jobs/{id}/attempts/{n}/provider-task} and
 * {@code .../route-slots}).
 */
@Component
class JobServiceProviderTasks implements ProviderTasks {

    private static final Logger log = LoggerFactory.getLogger(JobServiceProviderTasks.class);
    private static final String PATH = "/internal/jobs/{id}/attempts/{attempt}/provider-task";
    private static final String SLOTS = "/internal/jobs/{id}/attempts/{attempt}/route-slots";

    private final RestClient jobs;
    private final JsonMapper json;

    JobServiceProviderTasks(WorkerProperties properties, InternalApiProperties internal, JsonMapper json) {
        this.jobs = JobServiceClient.create(properties, internal);
        this.json = json;
    }

    @Override
    public Optional<ProviderTask> find(Attempt attempt) {
        // with our delivery: a claim that lost its lease is told the attempt is not ours before it creates anything
        ProviderTask task = exchange(attempt, ProviderTask.class, jobs.get().uri(PATH + "?delivery={delivery}", attempt.jobId(),
                attempt.number(), attempt.delivery()));
        return task.exists() ? Optional.of(task) : Optional.empty();
    }

    @Override
    public void record(Attempt attempt, String provider, String taskId) {
        String body = json.writeValueAsString(new ProviderTask(provider, taskId, attempt.delivery()));
        exchange(attempt, ProviderTask.class, jobs.put().uri(PATH, attempt.jobId(), attempt.number())
                .contentType(MediaType.APPLICATION_JSON).body(body));
    }

    @Override
    public JobsApi.RouteSlot acquireSlot(Attempt attempt, String route) {
        String body = json.writeValueAsString(new JobsApi.RouteSlotRequest(route, attempt.delivery()));
        return exchange(attempt, JobsApi.RouteSlot.class, jobs.post().uri(SLOTS, attempt.jobId(), attempt.number())
                .contentType(MediaType.APPLICATION_JSON).body(body));
    }

    @Override
    public void releaseSlot(Attempt attempt, String route) {
        try {
            jobs.delete().uri(SLOTS + "/{route}", attempt.jobId(), attempt.number(), route).retrieve()
                    .toBodilessEntity();
        } catch (RuntimeException e) {
            // the slot frees itself when the attempt ends; until then the route has one slot fewer
            log.warn("could not release the {} slot of attempt {} of job {}: {}", route, attempt.number(),
                    attempt.jobId(), e.getMessage());
        }
    }

    /** The {@code code} of a problem+json answer; null when the body is not one. */
    private String problemCode(String body) {
        try {
            JsonNode code = json.readTree(body).path("code");
            return code.isString() ? code.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private <T> T exchange(Attempt attempt, Class<T> answer, RestClient.RequestHeadersSpec<?> call) {
        try {
            return call.exchange((request, response) -> {
                HttpStatusCode status = response.getStatusCode();
                String body = new String(response.getBody().readAllBytes());
                if (status.is2xxSuccessful()) {
                    return json.readValue(body, answer);
                }
                if (status.isSameCodeAs(HttpStatus.CONFLICT) && "delivery_superseded".equals(problemCode(body))) {
                    throw new HandedOver("job-service: attempt " + attempt.number() + " of job " + attempt.jobId()
                            + " is owned by a newer claim than delivery " + attempt.delivery());
                }
                if (status.isSameCodeAs(HttpStatus.CONFLICT) || status.isSameCodeAs(HttpStatus.NOT_FOUND)) {
                    throw new AttemptOver("job-service: attempt " + attempt.number() + " of job " + attempt.jobId()
                            + " is not ours to run (" + status.value() + " " + body + ")");
                }
                throw new Unavailable("job-service answered " + status.value() + " " + body, null);
            });
        } catch (AttemptOver | HandedOver | Unavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unavailable("job-service could not be reached: " + e.getMessage(), e);
        }
    }
}
