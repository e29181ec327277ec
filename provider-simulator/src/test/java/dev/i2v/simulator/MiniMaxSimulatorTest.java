package dev.i2v.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MiniMaxSimulatorTest {

    static final byte[] CLIP = "not really an mp4".getBytes(StandardCharsets.UTF_8);
    static final String IMAGE = "data:image/png;base64,iVBORw0KGgo=";

    static String create(String prompt, String extra) {
        return "{\"model\":\"MiniMax-Hailuo-02\",\"first_frame_image\":\"" + IMAGE + "\",\"prompt\":\"" + prompt
                + "\",\"duration\":6,\"resolution\":\"768P\"" + extra + "}";
    }

    @Test
    void aTaskRunsForItsTimeThenServesItsVideoAndIsBilledOnce() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(CLIP)
                .withTaskTime(Duration.ofSeconds(3)))) {
            SimulatorClient api = new SimulatorClient(minimax.baseUrl(), "sim-key", null);

            SimulatorClient.Answer created = api.post("/v1/video_generation", create("a cat", ""));
            String task = created.body().get("task_id").asString();
            assertThat(created.body().get("base_resp").get("status_code").asInt()).isZero();
            JsonNode early = api.get("/v1/query/video_generation?task_id=" + task).body();
            assertThat(early.get("status").asString()).isIn("Preparing", "Queueing", "Processing");
            assertThat(minimax.billedTasks()).isZero();

            await().atMost(Duration.ofSeconds(15)).until(() ->
                    api.get("/v1/query/video_generation?task_id=" + task).body().get("status").asString().equals("Success"));
            JsonNode done = api.get("/v1/query/video_generation?task_id=" + task).body();
            JsonNode file = api.get("/v1/files/retrieve?file_id=" + done.get("file_id").asString()).body().get("file");
            assertThat(api.download(file.get("download_url").asString())).isEqualTo(CLIP);
            assertThat(minimax.billedTasks()).isEqualTo(1);
            assertThat(minimax.createdFor("a cat")).isEqualTo(1);
        }
    }

    @Test
    void refusalsComeAsHttp200WithTheDocumentedCodesAndCreateNothing() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(CLIP).withCreatesPerMinute(2))) {
            SimulatorClient api = new SimulatorClient(minimax.baseUrl(), "sim-key", null);
            SimulatorClient wrongKey = new SimulatorClient(minimax.baseUrl(), "other", null);

            assertThat(code(wrongKey.post("/v1/video_generation", create("a", "")))).isEqualTo(1004);
            assertThat(code(api.post("/v1/video_generation", create("a [sim:moderation]", "")))).isEqualTo(1026);
            assertThat(code(api.post("/v1/video_generation",
                    create("a", "").replace("\"duration\":6", "\"duration\":10").replace("768P", "1080P")))).isEqualTo(2013);
            assertThat(code(api.post("/v1/video_generation", create("one", "")))).isZero();
            assertThat(code(api.post("/v1/video_generation", create("two", "")))).isZero();
            SimulatorClient.Answer third = api.post("/v1/video_generation", create("three", ""));

            assertThat(third.status()).isEqualTo(200);
            assertThat(code(third)).isEqualTo(1002);
            assertThat(minimax.createdTasks()).isEqualTo(2);
            assertThat(minimax.refusedForLimits()).isEqualTo(1);
        }
    }

    @Test
    void aCallbackUrlMustEchoTheChallengeAndThenHearsEachStatus() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        JsonMapper json = JsonMapper.builder().build();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            byte[] answer = body.has("challenge") ? json.writeValueAsBytes(body) : new byte[0];
            heard.add(body.has("challenge") ? "challenge" : body.get("status").asString());
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        receiver.start();
        String hook = ",\"callback_url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"";
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(CLIP)
                .withTaskTime(Duration.ofMillis(400)))) {
            SimulatorClient api = new SimulatorClient(minimax.baseUrl(), "sim-key", null);

            assertThat(code(api.post("/v1/video_generation", create("hooked", hook)))).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("success"));

            assertThat(heard.get(0)).isEqualTo("challenge");
            assertThat(heard).doesNotHaveDuplicates().endsWith("success");
            assertThat(code(api.post("/v1/video_generation",
                    create("unhooked", ",\"callback_url\":\"http://127.0.0.1:1/nowhere\"")))).isEqualTo(2013);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void injectedFaultsAreTheRetryableCodesAndMalformedBodiesAndComeFromTheSeed() throws Exception {
        try (MiniMaxSimulator minimax = MiniMaxSimulator.start(SimulatorSettings.defaults(CLIP)
                .withTaskTime(Duration.ofSeconds(30)).withFaults(0.3, 0.3, 7))) {
            SimulatorClient api = new SimulatorClient(minimax.baseUrl(), "sim-key", null);
            String task = null;
            while (task == null) {
                SimulatorClient.Answer created = api.post("/v1/video_generation", create("faulty", ""));
                assertThat(code(created)).isIn(0, 1000);
                task = code(created) == 0 ? created.body().get("task_id").asString() : null;
            }
            int malformed = 0;
            int transientErrors = 0;
            for (int i = 0; i < 60; i++) {
                SimulatorClient.Answer status = api.get("/v1/query/video_generation?task_id=" + task);
                if (status.body() == null) {
                    malformed++;
                } else if (code(status) == 1024) {
                    transientErrors++;
                }
            }
            assertThat(malformed).isPositive();
            assertThat(transientErrors).isPositive();
            assertThat(minimax.createdFor("faulty")).isEqualTo(1);
        }
    }

    private static int code(SimulatorClient.Answer answer) {
        return answer.body().get("base_resp").get("status_code").asInt();
    }
}
