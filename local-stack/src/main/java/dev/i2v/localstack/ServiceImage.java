package dev.i2v.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.i2v.infra.FreePorts;

/**
 * A service as the stack runs it, built the way the Docker image is: the executable jar extracted (the JDK's AOT
 * cache holds only classes of the built-in class loaders, not of Spring Boot's nested-jar loader) and the JDK's
 * AOT cache (JEPs 483, 514, 515: classes loaded and linked, method profiles) from a training run. Both live in
 * {@code <module>/target/run/} and are made again when the jar's bytes or the JVM options change (the build is
 * reproducible, so a rebuild of unchanged code keeps them): the first start after a change pays a training run
 * (see {@link #train}), every later start takes about half as long.
 */
final class ServiceImage {

    /** Longer than any training run seen (about 20 s on 2 cores); past it the service starts without a cache. */
    private static final long TRAINING_TIMEOUT_SECONDS = 180;
    /** After health: the Kafka clients join their groups and the first scheduled work runs. */
    private static final long SETTLE_MILLIS = 3_000;

    private final Path jar;
    private final Path cache;

    private ServiceImage(Path jar, Path cache) {
        this.jar = jar;
        this.cache = cache;
    }

    /**
     * The module's image, extracted and trained when missing or made from other bytes of its jar; without
     * {@code aotCache} only extracted. The training run gets {@code jvmOptions} (the cache is only used by a JVM
     * with the same options) and the service's settings, on a free port.
     */
    static ServiceImage of(Path executableJar, boolean aotCache, List<String> jvmOptions, List<String> arguments,
                           Map<String, String> environment, Path log) {
        Path dir = executableJar.getParent().resolve("run");
        try {
            Files.createDirectories(dir);
            // one builder at a time, also across JVMs (bin/dev beside a test run)
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock ignored = lockFile.lock()) {
                Path jar = extracted(executableJar, dir);
                Path cache = dir.resolve("app.aot");
                // a cache is used only by a JVM with the options it was made with (a collector of another kind
                // turns it off): other options, e.g. an A/B run of collectors, train it again
                Path trainedWith = dir.resolve("app.aot.options");
                String options = String.join("\n", jvmOptions);
                boolean current = Files.exists(cache) && Files.exists(trainedWith)
                        && Files.readString(trainedWith).equals(options);
                if (aotCache && !current) {
                    Files.deleteIfExists(cache);
                    train(jar, cache, jvmOptions, arguments, environment, log);
                    if (Files.exists(cache)) {
                        Files.writeString(trainedWith, options);
                    }
                }
                return new ServiceImage(jar, aotCache && Files.exists(cache) ? cache : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare " + executableJar, e);
        }
    }

    /** The JVM arguments that run the image: the cache when there is one, then the jar. */
    List<String> launchArguments() {
        List<String> arguments = new ArrayList<>();
        if (cache != null) {
            arguments.add("-XX:AOTCache=" + cache);
        }
        arguments.add("-jar");
        arguments.add(jar.toString());
        return arguments;
    }

    private static Path extracted(Path executableJar, Path dir) throws IOException {
        Path stamp = dir.resolve("source");
        Path jar = dir.resolve(executableJar.getFileName());
        // by its bytes alone: the build is reproducible, so every jar has the same file time, and a change can keep
        // its size (a size-and-time check once ran a stale job-service); hashing 60 MB takes a fraction of a second
        String digest = sha256(executableJar);
        List<String> recorded = Files.exists(stamp) && Files.exists(jar) ? Files.readAllLines(stamp) : List.of();
        if (recorded.size() == 1 && recorded.get(0).equals(digest)) {
            return jar;
        }
        clear(dir);
        run(List.of(java(), "-Djarmode=tools", "-jar", executableJar.toString(), "extract", "--destination",
                dir.toString(), "--force"), Map.of(), dir.resolve("extract.log"), 60);
        Files.write(stamp, List.of(digest));
        return jar;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The training run is a whole start of the service against the stack's database and broker, until it is
     * healthy and has settled, then a graceful stop: it records what the start loads after the context refresh
     * too (the web server, the Kafka clients joining their groups), which a refresh-only training (what the
     * Dockerfile can do with no broker) misses. Measured on the worker: launch → healthy 3.2 s against 5.6 s
     * with a refresh-only cache, same machine, same minute.
     */
    private static void train(Path jar, Path cache, List<String> jvmOptions, List<String> arguments,
                              Map<String, String> environment, Path log) throws IOException {
        Path output = cache.resolveSibling("app.aot.training");
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.add("-XX:AOTCacheOutput=" + output);
        command.add("-jar");
        command.add(jar.toString());
        // a port of its own, given once (Spring would join two server.port arguments into a list)
        arguments.stream().filter(a -> !a.startsWith("--server.port=")).forEach(command::add);
        command.add("--server.port=" + port);
        System.err.println("i2v local stack: training the AOT cache of " + jar.getFileName()
                + " (once per jar and JVM options)");
        Process process = spawn(command, environment, log);
        boolean trained = false;
        try {
            if (awaitHealthy(process, port)) {
                Thread.sleep(SETTLE_MILLIS);
                process.destroy(); // SIGTERM: the JVM writes the cache as it exits
                trained = process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS) && Files.exists(output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (trained) {
            // moved into place whole: a cut-short training never leaves a half-written cache
            Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
        } else {
            System.err.println("i2v local stack: training failed (see " + log + "); starting without an AOT cache");
        }
    }

    private static boolean awaitHealthy(Process process, int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRAINING_TIMEOUT_SECONDS);
        while (process.isAlive() && System.nanoTime() < deadline) {
            if (ServiceProcess.answersHealth(port)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static boolean run(List<String> command, Map<String, String> environment, Path log, long timeoutSeconds)
            throws IOException {
        Process process = spawn(command, environment, log);
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return false;
            }
            return process.exitValue() == 0;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process spawn(List<String> command, Map<String, String> environment, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void clear(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                if (!file.equals(dir) && !file.getFileName().toString().equals(".lock")) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The JVM that runs the stack runs its services too (bin/dev and the build find a JDK 25 for it). */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
