package dev.i2v.credits.holds;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.i2v.credits.CreditsProperties;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.kit.internal.InternalCalls;

/** Asks job-service's internal API ({@code GET /internal/jobs/{id}}) whether a job exists. */
@Component
class JobServiceDirectory implements JobDirectory {

    private static final Logger log = LoggerFactory.getLogger(JobServiceDirectory.class);

    private final RestClient jobs;

    JobServiceDirectory(RestClient.Builder builder, CreditsProperties properties, InternalApiProperties internal) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.jobsTimeout());
        factory.setReadTimeout(properties.jobsTimeout());
        this.jobs = builder.clone().requestFactory(factory).baseUrl(properties.jobsUrl().toString())
                .requestInterceptor(InternalCalls.credentials(internal)).build();
    }

    @Override
    public Presence presence(UUID jobId) {
        try {
            return jobs.get().uri("/internal/jobs/{id}", jobId).exchange((request, response) -> {
                if (response.getStatusCode().is2xxSuccessful()) {
                    return Presence.EXISTS;
                }
                if (response.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                    return Presence.MISSING;
                }
                log.warn("job-service answered {} for job {}: the hold is kept for now", response.getStatusCode(), jobId);
                return Presence.UNKNOWN;
            });
        } catch (RuntimeException e) {
            log.warn("job-service could not be asked about job {} ({}): the hold is kept for now", jobId, e.toString());
            return Presence.UNKNOWN;
        }
    }
}
