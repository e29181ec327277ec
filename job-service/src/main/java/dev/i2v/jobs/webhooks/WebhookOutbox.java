package dev.i2v.jobs.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Writes a webhook delivery in the caller's transaction: it exists if and only if the change does. */
@Component
public class WebhookOutbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** @param type e.g. {@code video.succeeded}; {@code data} is the payload's {@code data} object */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(UUID job, UUID account, String url, String type, Map<String, Object> data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", clock.instant().toString());
        payload.put("data", data);
        jdbc.sql("""
                        insert into webhook_deliveries (id, job_id, account_id, url, event_type, payload)
                        values (:id, :job, :account, :url, :type, :payload)
                        """)
                .param("id", "msg_" + UUID.randomUUID().toString().replace("-", "")).param("job", job)
                .param("account", account).param("url", url).param("type", type)
                .param("payload", json.writeValueAsString(payload)).update();
    }
}
