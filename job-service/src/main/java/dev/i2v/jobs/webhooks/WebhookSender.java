package dev.i2v.jobs.webhooks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.i2v.jobs.JobsProperties;
import dev.i2v.kit.net.ClientGivenUrls;
import dev.i2v.kit.net.PublicAddresses;
import dev.i2v.kit.net.PublicOnlyDnsResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends due webhook deliveries. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * senders can run; a 2xx answer delivers, anything else is retried after 1, 6, 24, 120, 360, 720
 * and 1440 × the base delay, then given up. A webhook never reaches inside our network: the client resolves
 * through {@link PublicOnlyDnsResolver}, so a host whose addresses are not all public is refused at connect
 * time (the delivery fails at once, is logged and counted as {@code i2v_webhooks_refused_total}); redirects are
 * not followed.
 */
@Component
class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int[] DELAY_FACTORS = {1, 6, 24, 120, 360, 720, 1440};

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final WebhookSecrets secrets;
    private final JobsProperties properties;
    private final Clock clock;
    private final CloseableHttpClient http;
    private final Counter refused;

    WebhookSender(JdbcClient jdbc, TransactionTemplate transactions, WebhookSecrets secrets, JobsProperties properties,
                  Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
        this.refused = Counter.builder("i2v.webhooks.refused")
                .description("webhook deliveries refused because their host resolves inside our network").register(meters);
        Predicate<InetAddress> allowed = properties.webhookAllowPrivateAddresses() ? a -> true : PublicAddresses::isPublic;
        this.http = ClientGivenUrls.httpClient("i2v-webhooks/1",
                new PublicOnlyDnsResolver(SystemDefaultDnsResolver.INSTANCE, allowed), Duration.ofSeconds(5),
                Duration.ofSeconds(10));
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    private record Delivery(String id, UUID account, String url, String payload, int attempts) {
    }

    @Scheduled(fixedDelayString = "${i2v.jobs.webhook-poll-interval:500ms}")
    void sendDue() {
        try {
            transactions.executeWithoutResult(status -> claimDue().forEach(this::send));
        } catch (RuntimeException e) {
            log.warn("webhook pass failed, will retry: {}", e.toString());
        }
    }

    private List<Delivery> claimDue() {
        return jdbc.sql("""
                        select id, account_id, url, payload, attempts from webhook_deliveries
                         where status = 'pending' and next_attempt_at <= :now
                         order by next_attempt_at limit 20 for update skip locked
                        """)
                .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .query((rs, n) -> new Delivery(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getString(4), rs.getInt(5)))
                .list();
    }

    private void send(Delivery delivery) {
        long timestamp = clock.instant().getEpochSecond();
        String error;
        try {
            URI url = URI.create(delivery.url());
            if (!"https".equals(url.getScheme()) && !properties.webhookAllowHttp()) {
                throw new IllegalArgumentException("only https webhook URLs are called");
            }
            HttpPost post = new HttpPost(url);
            post.setHeader("webhook-id", delivery.id());
            post.setHeader("webhook-timestamp", Long.toString(timestamp));
            post.setHeader("webhook-signature", WebhookSignature.sign(secrets.secretFor(delivery.account()), delivery.id(),
                    timestamp, delivery.payload()));
            post.setEntity(new StringEntity(delivery.payload(), ContentType.APPLICATION_JSON));
            int status = http.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (status / 100 == 2) {
                jdbc.sql("update webhook_deliveries set status = 'delivered', attempts = attempts + 1, delivered_at = :now where id = :id")
                        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", delivery.id()).update();
                return;
            }
            error = "HTTP " + status;
        } catch (UnknownHostException e) {
            if (PublicOnlyDnsResolver.refused(e)) {
                refused.increment();
                log.warn("webhook {} to {} refused: its host {}; not sent and not retried", delivery.id(), delivery.url(),
                        PublicOnlyDnsResolver.FORBIDDEN);
                giveUp(delivery, "refused: the host " + PublicOnlyDnsResolver.FORBIDDEN);
                return;
            }
            error = "UnknownHostException: " + e.getMessage();
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        retryLater(delivery, error);
    }

    private void giveUp(Delivery delivery, String error) {
        jdbc.sql("update webhook_deliveries set attempts = attempts + 1, last_error = :error, status = 'failed' where id = :id")
                .param("error", error).param("id", delivery.id()).update();
    }

    private void retryLater(Delivery delivery, String error) {
        int attempts = delivery.attempts() + 1;
        boolean giveUp = attempts > DELAY_FACTORS.length;
        Instant next = giveUp ? clock.instant()
                : clock.instant().plus(properties.webhookRetryBase().multipliedBy(DELAY_FACTORS[attempts - 1]));
        jdbc.sql("""
                        update webhook_deliveries set attempts = :attempts, last_error = :error, next_attempt_at = :next,
                               status = case when :giveUp then 'failed' else 'pending' end
                         where id = :id
                        """)
                .param("attempts", attempts).param("error", error)
                .param("next", OffsetDateTime.ofInstant(next, ZoneOffset.UTC)).param("giveUp", giveUp)
                .param("id", delivery.id()).update();
        log.info("webhook {} to {} failed ({}), attempt {}{}", delivery.id(), delivery.url(), error, attempts,
                giveUp ? ", giving up" : "");
    }
}
