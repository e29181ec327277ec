package dev.i2v.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client of a simulator, as an adapter would call it. */
final class SimulatorClient {

    record Answer(int status, JsonNode body, String raw) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String key;
    private final String runwayVersion;

    SimulatorClient(String base, String key, String runwayVersion) {
        this.base = base;
        this.key = key;
        this.runwayVersion = runwayVersion;
    }

    Answer post(String path, String json) throws Exception {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    Answer delete(String path) throws Exception {
        return send(request(path).DELETE());
    }

    byte[] download(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? response.body() : null;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (runwayVersion != null) {
            builder.header("X-Runway-Version", runwayVersion);
        }
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body;
        try {
            body = response.body().isEmpty() ? null : JSON.readTree(response.body());
        } catch (RuntimeException e) {
            body = null;
        }
        return new Answer(response.statusCode(), body, response.body());
    }
}
