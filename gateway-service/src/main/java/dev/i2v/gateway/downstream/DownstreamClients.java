package dev.i2v.gateway.downstream;

import java.net.http.HttpClient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.i2v.gateway.GatewayProperties;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.kit.internal.InternalCalls;

/**
 * One configured {@link RestClient} per downstream service, with the configured timeouts, the service
 * credential and the request id on every call.
 */
@Component
@EnableConfigurationProperties(InternalApiProperties.class)
class DownstreamClients {

    private final RestClient credits;
    private final RestClient jobs;

    DownstreamClients(RestClient.Builder builder, GatewayProperties properties, InternalApiProperties internal) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(properties.downstreamTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(properties.downstreamTimeout());
        builder = builder.clone().requestInterceptor(InternalCalls.credentials(internal));
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
