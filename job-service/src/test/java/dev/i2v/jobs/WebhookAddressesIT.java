package dev.i2v.jobs;

import static dev.i2v.fixtures.CreateJobBuilder.aCreateJob;
import static dev.i2v.fixtures.VideoOutputs.aVideoOutput;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.infra.TestServers;
import dev.i2v.jobs.jobs.SubmitJobService;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A webhook never reaches inside: a receiver on loopback stands in for an inside host, reached by a literal
 * address and by a name that resolves to it (as a host that resolved outside at submit and inside later
 * would). With production's address rule (plain http allowed here only so the stand-in needs no TLS), the
 * receiver gets nothing, the delivery fails at once without retries, and the refusal is counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"i2v.jobs.webhook-retry-base=200ms", "i2v.jobs.webhook-allow-http=true",
                "i2v.jobs.webhook-poll-interval=100ms"})
class WebhookAddressesIT {

    static final WireMockServer INSIDE = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        INSIDE.start();
        INSIDE.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestServers.shared().springProperties("jobs").forEach((k, v) -> registry.add(k, () -> v));
    }

    @AfterAll
    static void stopReceiver() {
        INSIDE.stop();
    }

    @Autowired
    SubmitJobService submit;
    @Autowired
    KafkaTemplate<String, String> kafka;
    @Autowired
    JsonMapper json;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void aWebhookToAHostInsideIsNeverSentAndFailsAtOnceCounted() throws Exception {
        double refusedBefore = refused();
        List<UUID> jobs = List.of(succeededJobWithWebhook("http://127.0.0.1:" + INSIDE.port() + "/hook"),
                succeededJobWithWebhook("http://localhost:" + INSIDE.port() + "/hook"));

        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.stream().allMatch(j -> "failed".equals(deliveryStatus(j))));

        assertThat(INSIDE.findAll(anyRequestedFor(anyUrl()))).as("requests that reached the inside host").isEmpty();
        for (UUID job : jobs) {
            assertThat(jdbc.sql("select attempts from webhook_deliveries where job_id = :job").param("job", job)
                    .query(Integer.class).single()).as("attempts (no retry of a refused host)").isEqualTo(1);
            assertThat(jdbc.sql("select last_error from webhook_deliveries where job_id = :job").param("job", job)
                    .query(String.class).single()).contains("forbidden address");
        }
        assertThat(refused() - refusedBefore).as("i2v_webhooks_refused_total").isEqualTo(2);
    }

    private UUID succeededJobWithWebhook(String url) throws Exception {
        UUID job = UUID.randomUUID();
        submit.submit(aCreateJob().id(job).account(UUID.randomUUID()).webhook(url).build());
        VideoOutput output = aVideoOutput(job);
        kafka.send(Topics.WORK_EVENTS, job.toString(), json.writeValueAsString(
                new WorkEvent.WorkSucceeded(UUID.randomUUID(), job, 1, 1, output, Instant.now()))).get();
        return job;
    }

    private String deliveryStatus(UUID job) {
        return jdbc.sql("select status from webhook_deliveries where job_id = :job").param("job", job)
                .query(String.class).optional().orElse(null);
    }

    private double refused() {
        var counter = meters.find("i2v.webhooks.refused").counter();
        return counter == null ? 0 : counter.count();
    }
}
