package dev.i2v.credits;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * Job-service's internal {@code GET /internal/jobs/{id}} as it answers: the job's view for a job it has, a
 * 404 problem for any other id. One per test JVM; tests register the jobs that exist, or make it fail.
 */
public final class JobServiceStandIn {

    private static WireMockServer server;

    private JobServiceStandIn() {
    }

    /** The stand-in's base URL, started on first use. */
    public static synchronized String baseUrl() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
            server.stubFor(get(urlMatching("/internal/jobs/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                    .withHeader("Content-Type", "application/problem+json")
                    .withBody("{\"status\":404,\"code\":\"not_found\",\"title\":\"Not Found\"}")));
        }
        return server.baseUrl();
    }

    /** From now on job-service has this job. */
    public static void jobExists(UUID jobId) {
        baseUrl();
        server.stubFor(get(urlEqualTo("/internal/jobs/" + jobId)).atPriority(1)
                .willReturn(okJson("{\"id\":\"" + jobId + "\",\"status\":\"queued\"}")));
    }

    /** From now on job-service answers 503 about this job, as during an outage. */
    public static void unavailableFor(UUID jobId) {
        baseUrl();
        server.stubFor(get(urlEqualTo("/internal/jobs/" + jobId)).atPriority(1).willReturn(aResponse().withStatus(503)));
    }

    /** How often job-service was asked about this job. */
    public static int questionsAbout(UUID jobId) {
        baseUrl();
        return server.countRequestsMatching(getRequestedFor(urlEqualTo("/internal/jobs/" + jobId)).build()).getCount();
    }
}
