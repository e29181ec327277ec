package dev.i2v.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class RunwaySimulatorTest {

    static final byte[] CLIP = "clip".getBytes(StandardCharsets.UTF_8);

    static String create(String prompt) {
        return "{\"model\":\"gen4_turbo\",\"promptImage\":\"https://example.com/a.png\",\"promptText\":\"" + prompt
                + "\",\"ratio\":\"1280:720\",\"duration\":5}";
    }

    @Test
    void tasksOverTheConcurrencyLimitWaitThrottledAndNeverRunBeyondIt() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(SimulatorSettings.defaults(CLIP)
                .withTaskTime(Duration.ofSeconds(2)).withMaxConcurrent(2))) {
            SimulatorClient api = new SimulatorClient(runway.baseUrl(), "sim-key", RunwaySimulator.VERSION);

            String a = api.post("/v1/image_to_video", create("a")).body().get("id").asString();
            api.post("/v1/image_to_video", create("b"));
            String c = api.post("/v1/image_to_video", create("c")).body().get("id").asString();

            assertThat(api.get("/v1/tasks/" + a).body().get("status").asString()).isEqualTo("RUNNING");
            assertThat(api.get("/v1/tasks/" + c).body().get("status").asString()).isEqualTo("THROTTLED");
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    api.get("/v1/tasks/" + c).body().get("status").asString().equals("SUCCEEDED"));
            assertThat(runway.maxRunningSeen()).isEqualTo(2);
            assertThat(runway.billedTasks()).isEqualTo(3);
            String output = api.get("/v1/tasks/" + c).body().get("output").get(0).asString();
            assertThat(api.download(output)).isEqualTo(CLIP);
        }
    }

    @Test
    void aCancelledTaskIsGoneAndNotBilled() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(SimulatorSettings.defaults(CLIP)
                .withTaskTime(Duration.ofSeconds(30)))) {
            SimulatorClient api = new SimulatorClient(runway.baseUrl(), "sim-key", RunwaySimulator.VERSION);
            String task = api.post("/v1/image_to_video", create("to cancel")).body().get("id").asString();

            assertThat(api.delete("/v1/tasks/" + task).status()).isEqualTo(204);

            assertThat(api.get("/v1/tasks/" + task).status()).isEqualTo(404);
            assertThat(runway.cancelledTasks()).containsExactly(task);
            assertThat(runway.billedTasks()).isZero();
        }
    }

    @Test
    void refusalsAreHttpStatusesWithAnErrorAndCreateNothing() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(SimulatorSettings.defaults(CLIP).withDailyQuota(1))) {
            SimulatorClient api = new SimulatorClient(runway.baseUrl(), "sim-key", RunwaySimulator.VERSION);

            assertThat(new SimulatorClient(runway.baseUrl(), "sim-key", null).post("/v1/image_to_video", create("x"))
                    .status()).isEqualTo(400);
            assertThat(new SimulatorClient(runway.baseUrl(), "bad", RunwaySimulator.VERSION)
                    .post("/v1/image_to_video", create("x")).status()).isEqualTo(401);
            assertThat(api.post("/v1/image_to_video", create("x").replace("1280:720", "1:1")).body().get("error")
                    .asString()).contains("ratio");
            assertThat(api.post("/v1/image_to_video", create("first")).status()).isEqualTo(200);
            assertThat(api.post("/v1/image_to_video", create("second")).status()).isEqualTo(429);
            assertThat(runway.createdTasks()).isEqualTo(1);
        }
    }

    @Test
    void aModeratedPromptFailsTheTaskWithTheSafetyCode() throws Exception {
        try (RunwaySimulator runway = RunwaySimulator.start(SimulatorSettings.defaults(CLIP)
                .withTaskTime(Duration.ofMillis(100)))) {
            SimulatorClient api = new SimulatorClient(runway.baseUrl(), "sim-key", RunwaySimulator.VERSION);
            String task = api.post("/v1/image_to_video", create("x [sim:moderation]")).body().get("id").asString();

            await().atMost(Duration.ofSeconds(5)).until(() ->
                    api.get("/v1/tasks/" + task).body().get("status").asString().equals("FAILED"));
            assertThat(api.get("/v1/tasks/" + task).body().get("failureCode").asString()).isEqualTo("SAFETY.INPUT.TEXT");
            assertThat(runway.billedTasks()).isZero();
        }
    }
}
