package dev.i2v.worker;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.kit.internal.InternalCalls;

/** The worker's client of job-service's internal API: claims and leases, provider tasks. */
public final class JobServiceClient {

    private JobServiceClient() {
    }

    public static RestClient create(WorkerProperties properties, InternalApiProperties internal) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(properties.jobsTimeout());
        factory.setReadTimeout(properties.jobsTimeout());
        return RestClient.builder().requestFactory(factory).baseUrl(properties.jobsUrl().toString())
                .requestInterceptor(InternalCalls.credentials(internal)).build();
    }
}
