package dev.i2v.storage;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real S3-compatible server for tests: S3Proxy (from Maven Central, copied to target/s3proxy by the
 * build) in a child process on a free loopback port, keeping objects in memory.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "test-identity";
    static final String CREDENTIAL = "test-credential";

    private final Process process;
    private final URI endpoint;

    private S3ProxyServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static S3ProxyServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dir = Files.createDirectories(Path.of("target", "s3proxy"));
        Path conf = dir.resolve("s3proxy-" + port + ".conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + IDENTITY,
                "s3proxy.credential=" + CREDENTIAL,
                "jclouds.provider=transient",
                "jclouds.identity=" + IDENTITY,
                "jclouds.credential=" + CREDENTIAL));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx256m", "-jar", dir.resolve("s3proxy.jar").toString(),
                "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy-" + port + ".log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, URI.create("http://127.0.0.1:" + port));
        server.awaitUp(Duration.ofSeconds(60));
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    private void awaitUp(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) endpoint.toURL().openConnection();
                connection.setConnectTimeout(500);
                if (connection.getResponseCode() > 0) {
                    return; // any answer (403 without credentials) means it is serving
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        close();
        throw new IOException("s3proxy did not start within " + timeout);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
