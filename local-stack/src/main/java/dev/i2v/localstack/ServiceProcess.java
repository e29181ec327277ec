package dev.i2v.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One service running as a child JVM from its executable jar, its output in a log file. */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final ProcessBuilder builder;
    private final Path log;
    private final int port;
    private volatile Process process;

    private ServiceProcess(String name, ProcessBuilder builder, Path log, int port) {
        this.name = name;
        this.builder = builder;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts the service from its image (see {@link ServiceImage}); {@code jvmOptions} are those the image is
     * trained with, {@code extraJvmOptions} only this run's (a JFR recording, say).
     */
    static ServiceProcess start(String name, Path jar, List<String> jvmOptions, List<String> extraJvmOptions,
                                boolean aotCache, Map<String, String> properties, Map<String, String> environment,
                                Path logDir, int port) {
        List<String> arguments = arguments(properties);
        ServiceImage image = prepare(name, jar, jvmOptions, aotCache, properties, environment, logDir);
        List<String> command = new ArrayList<>();
        command.add(ServiceImage.java());
        command.addAll(jvmOptions);
        command.addAll(extraJvmOptions);
        command.addAll(image.launchArguments());
        command.addAll(arguments);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            ServiceProcess service = new ServiceProcess(name, builder, log, port);
            service.launch();
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The service's image, made ready (extracted, trained) without starting the service. */
    static ServiceImage prepare(String name, Path jar, List<String> jvmOptions, boolean aotCache,
                                Map<String, String> properties, Map<String, String> environment, Path logDir) {
        return ServiceImage.of(jar, aotCache, jvmOptions, arguments(properties), environment,
                logDir.resolve(name + ".training.log"));
    }

    private static List<String> arguments(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>();
        properties.forEach((k, v) -> arguments.add("--" + k + "=" + v));
        return arguments;
    }

    private void launch() throws IOException {
        process = builder.start();
    }

    /** Starts the service again after it died, as a container orchestrator would. @return whether it had died */
    boolean restartIfDead() {
        if (process.isAlive()) {
            return false;
        }
        try {
            launch();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart " + name, e);
        }
    }

    /** SIGKILL: the process ends at once, without any shutdown work. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP or SIGCONT: freezes the process as a long GC pause or a hung host would, or thaws it. */
    void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The runnable jar of a service module, as {@code mvn package} leaves it. */
    static Path jarOf(Path home, String module) {
        Path target = home.resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no runnable jar in " + target + ": build first"));
        } catch (IOException e) {
            throw new IllegalStateException("no " + target + ": build first (./mvnw package)", e);
        }
    }

    /** Waits until the service's health endpoint answers 200, or fails with the end of its log. */
    void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log ends:\n" + tail());
            }
            if (answersHealth(port)) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for " + name);
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not healthy within " + timeout + "; its log ends:\n" + tail());
    }

    /** Whether the service on {@code port} answers its health check with 200 now. */
    static boolean answersHealth(int port) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
        try {
            return HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** Asks the service to stop (SIGTERM, a graceful Spring shutdown), then insists. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
