package dev.i2v.bench.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/** A service's memory: heap in use (Actuator's {@code jvm.memory.used}) and resident set size. */
public final class WorkerMemory {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WorkerMemory() {
    }

    /** Heap in use, MiB, as the service's metrics report it. */
    public static double heapUsedMib(int port) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/actuator/metrics/jvm.memory.used?tag=area:heap")).timeout(Duration.ofSeconds(5)).build();
        String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body).path("measurements").path(0).path("value").asDouble() / (1024 * 1024);
    }

    /** Live heap: a full collection first (jcmd), then the reading. */
    public static double liveHeapMib(long pid, int port) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return heapUsedMib(port);
    }

    /**
     * The {@code top} classes by bytes of live objects (a full collection first), as {@code jcmd GC.class_histogram}
     * prints them: where a heap's growth goes.
     */
    public static String histogram(long pid, int top) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return out.lines().limit(top + 3L).collect(Collectors.joining("\n"));
    }

    /** Resident set size of the process, MiB. */
    public static double residentMib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
