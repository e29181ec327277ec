package dev.i2v.jobs;

import static dev.i2v.fixtures.CreateJobBuilder.aCreateJob;
import static dev.i2v.fixtures.VideoOutputs.aVideoOutput;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.infra.TestServers;
import dev.i2v.jobs.jobs.SubmitJobService;
import dev.i2v.jobs.webhooks.WebhookSecrets;
import dev.i2v.jobs.webhooks.WebhookSignature;

/** A job's outcome is POSTed to its webhook, signed per Standard Webhooks, retried until it is taken. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"i2v.jobs.webhook-retry-base=200ms", "i2v.jobs.webhook-allow-http=true",
                "i2v.jobs.webhook-allow-private-addresses=true",
                "i2v.jobs.webhook-poll-interval=100ms"})
class WebhooksIT {

    static final WireMockServer RECEIVER = new WireMockServer(options().dynamicPort());

    static {
        RECEIVER.start();
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("jobs").forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.stop();
    }

    @Autowired
    SubmitJobService submit;
    @Autowired
    WebhookSecrets secrets;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;

    @Test
    void aSucceededJobIsPostedSignedAndRetriedWithTheSameIdUntilTaken() throws Exception {
        RECEIVER.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        RECEIVER.stubFor(post("/hook").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        UUID job = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        submit.submit(aCreateJob().id(job).account(account).webhook(RECEIVER.baseUrl() + "/hook").build());

        VideoOutput output = aVideoOutput(job);
        kafka.send(Topics.WORK_EVENTS, job.toString(), json.writeValueAsString(
                new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, 1, output, Instant.now()))).get();

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook"))).size() >= 2);
        List<LoggedRequest> calls = RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook")));
        LoggedRequest first = calls.get(0);
        LoggedRequest taken = calls.get(1);
        assertThat(taken.getHeader("webhook-id")).isEqualTo(first.getHeader("webhook-id")).startsWith("msg_");
        String expected = WebhookSignature.sign(secrets.secretFor(account), taken.getHeader("webhook-id"),
                Long.parseLong(taken.getHeader("webhook-timestamp")), taken.getBodyAsString());
        assertThat(taken.getHeader("webhook-signature")).isEqualTo(expected);
        assertThat(json.readTree(taken.getBodyAsString()).get("type").asString()).isEqualTo("video.succeeded");
        assertThat(json.readTree(taken.getBodyAsString()).get("data").get("output").get("width").asInt()).isEqualTo(1024);
        Thread.sleep(1500);
        assertThat(RECEIVER.findAll(postRequestedFor(urlEqualTo("/hook")))).as("no call after it was taken").hasSize(2);
    }

    @Test
    void theSignatureFollowsTheStandardWebhooksExample() {
        // the example of the Standard Webhooks specification's reference implementations
        String signature = WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}");
        assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
