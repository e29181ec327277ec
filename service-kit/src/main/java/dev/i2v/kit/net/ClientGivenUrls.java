package dev.i2v.kit.net;

import java.time.Duration;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

/** The one way to build an HTTP client for URLs a client gave us ({@code image_url}, {@code webhook_url}). */
public final class ClientGivenUrls {

    private ClientGivenUrls() {
    }

    /**
     * A client that resolves through {@code resolver} (a {@link PublicOnlyDnsResolver}, so the checked address is
     * the one connected to), follows no redirect (a redirect is a new URL to check), retries nothing and keeps
     * no cookies.
     */
    public static CloseableHttpClient httpClient(String userAgent, DnsResolver resolver, Duration connectTimeout,
                                                 Duration readTimeout) {
        Timeout read = Timeout.of(readTimeout);
        return HttpClients.custom().disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .setUserAgent(userAgent)
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create().setDnsResolver(resolver)
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(Timeout.of(connectTimeout))
                                .setSocketTimeout(read).build()).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(read).build())
                .build();
    }
}
