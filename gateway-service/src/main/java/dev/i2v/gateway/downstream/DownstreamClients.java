package dev.i2v.gateway.downstream;

import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.i2v.gateway.GatewayProperties;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.kit.internal.InternalCalls;

/**
 * One configured {@link RestClient} per downstream service, with the configured timeouts, the service
 * credential and the request id on every call. A pooled, blocking Apache client: under load the JDK client's
 * asynchronous hand-offs cost a few milliseconds per call; retries are off, since a retried POST could hold
 * points twice (callers decide what a failure means).
 */
@Component
@EnableConfigurationProperties(InternalApiProperties.class)
class DownstreamClients {

    private final RestClient credits;
    private final RestClient jobs;

    DownstreamClients(RestClient.Builder builder, GatewayProperties properties, InternalApiProperties internal) {
        Timeout timeout = Timeout.of(properties.downstreamTimeout().toMillis(), TimeUnit.MILLISECONDS);
        CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(64).setMaxConnTotal(128)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .build();
        HttpComponentsClientHttpRequestFactory factory = new HttpComponentsClientHttpRequestFactory(client);
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
