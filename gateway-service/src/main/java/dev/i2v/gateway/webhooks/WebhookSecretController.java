package dev.i2v.gateway.webhooks;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.downstream.JobsClient;

/** {@code GET /v1/webhooks/secret}: the caller's secret for checking {@code webhook-signature}. */
@RestController
class WebhookSecretController {

    private final JobsClient jobs;

    WebhookSecretController(JobsClient jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/v1/webhooks/secret")
    JobsApi.WebhookSecret secret(@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
        return jobs.webhookSecret(caller.accountId());
    }
}
