package dev.i2v.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.i2v.infra.FreePorts;

/**
 * {@code bin/dev}'s launcher as {@code bin/dev} runs it: the executable jar on its own, with only its runtime
 * classpath. The other whole-stack tests start the stack from the test classpath, which once hid a library
 * the broker needs at run time (HdrHistogram, then test-scoped) and left {@code bin/dev} unable to start.
 */
class DevCommandIT {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path data;

    @Test
    void theLauncherJarStartsTheStackServesThePageAndApiAndStopsOnSigterm() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        Path jar = home.resolve("local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar");
        assertThat(jar).as("bin/dev's launcher is built").exists();
        int port = FreePorts.next();
        Path log = data.resolve("launcher.log");
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "--home", home.toString(), "--data", data.resolve("stack").toString(), "--port",
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String base = "http://127.0.0.1:" + port;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (status(base + "/actuator/health") != 200) {
                assertThat(launcher.isAlive()).as("the launcher is running:%n%s", Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("healthy within 180 s:%n%s", Files.readString(log)).isLessThan(deadline);
                Thread.sleep(500);
            }
            awaitFile(data.resolve("stack/demo-api-key"), launcher, log);
            String key = Files.readString(data.resolve("stack/demo-api-key")).trim();
            // the launcher prints its banner after the demo key is written: wait for it rather than race it
            awaitLog(log, "i2v local stack ready", launcher);
            assertThat(body(base + "/", null)).contains("<title>i2v");
            assertThat(body(base + "/web/config.json", null)).contains(key);
            assertThat(body(base + "/v1/credits", key)).contains("\"balance\":1000");
            assertThat(body(base + "/openai/v1/videos", key)).contains("\"object\":\"list\"");
        } finally {
            launcher.destroy(); // SIGTERM, as Ctrl-C would
            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
        }
        assertThat(Files.readString(log)).contains("i2v local stack: stopped");
    }

    private static void awaitFile(Path file, Process launcher, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(file)) {
            assertThat(launcher.isAlive() && System.nanoTime() < deadline).as("%s written:%n%s", file, Files.readString(log))
                    .isTrue();
            Thread.sleep(200);
        }
    }

    private static void awaitLog(Path log, String line, Process launcher) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(log).contains(line)) {
            assertThat(launcher.isAlive() && System.nanoTime() < deadline).as("'%s' printed:%n%s", line,
                    Files.readString(log)).isTrue();
            Thread.sleep(200);
        }
    }

    private static int status(String url) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String body(String url, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }
}
