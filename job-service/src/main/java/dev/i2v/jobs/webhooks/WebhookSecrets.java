package dev.i2v.jobs.webhooks;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Each account's webhook signing secret, made on first use. */
@Service
public class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    WebhookSecrets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public String secretFor(UUID account) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        jdbc.sql("insert into webhook_secrets (account_id, secret) values (:account, :secret) on conflict do nothing")
                .param("account", account).param("secret", "whsec_" + Base64.getEncoder().encodeToString(bytes)).update();
        return jdbc.sql("select secret from webhook_secrets where account_id = :account").param("account", account)
                .query(String.class).single();
    }
}
