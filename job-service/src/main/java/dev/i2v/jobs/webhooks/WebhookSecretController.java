package dev.i2v.jobs.webhooks;

import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;

@RestController
class WebhookSecretController {

    private final WebhookSecrets secrets;

    WebhookSecretController(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    @GetMapping("/internal/accounts/{accountId}/webhook-secret")
    JobsApi.WebhookSecret secret(@PathVariable UUID accountId) {
        return new JobsApi.WebhookSecret(secrets.secretFor(accountId));
    }
}
