package dev.i2v.gateway.downstream;

import java.net.http.HttpClient;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.i2v.gateway.GatewayProperties;

/** One configured {@link RestClient} per downstream service, with the configured timeouts. */
@Component
class DownstreamClients {

    private final RestClient credits;
    private final RestClient jobs;

    DownstreamClients(RestClient.Builder builder, GatewayProperties properties) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.downstreamTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.downstreamTimeout());
        this.credits = builder.clone().requestFactory(factory).baseUrl(properties.creditsUrl().toString()).build();
        this.jobs = builder.clone().requestFactory(factory).baseUrl(properties.jobsUrl().toString()).build();
    }

    RestClient credits() {
        return credits;
    }

    RestClient jobs() {
        return jobs;
    }
}
