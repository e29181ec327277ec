package dev.i2v.jobs.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.i2v.jobs.JobsProperties;

/**
 * Sends due webhook deliveries. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * senders can run; a 2xx answer delivers, anything else is retried after 1, 6, 24, 120, 360, 720
 * and 1440 × the base delay, then given up.
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
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookSender(JdbcClient jdbc, TransactionTemplate transactions, WebhookSecrets secrets, JobsProperties properties,
                  Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
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
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", delivery.id())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.sign(secrets.secretFor(delivery.account()), delivery.id(),
                            timestamp, delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                jdbc.sql("update webhook_deliveries set status = 'delivered', attempts = attempts + 1, delivered_at = :now where id = :id")
                        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", delivery.id()).update();
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        retryLater(delivery, error);
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
