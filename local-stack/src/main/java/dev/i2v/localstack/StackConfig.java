package dev.i2v.localstack;

import java.nio.file.Path;

import dev.i2v.infra.FreePorts;

/**
 * Where the stack lives and which ports it uses.
 *
 * @param home            the repository root (the services' jars are built under it)
 * @param dataDir         everything the stack keeps: database, broker log, objects, logs, keys
 * @param workerPorts     one worker process per port
 * @param fastTestTimings short share-lock timings and test models, for tests
 */
public record StackConfig(Path home, Path dataDir, int gatewayPort, int creditsPort, int jobsPort,
                          java.util.List<Integer> workerPorts, int postgresPort, int kafkaPort, int kafkaControllerPort,
                          boolean fastTestTimings) {

    /** The fixed ports of {@code bin/dev}: gateway on {@code gatewayPort}, the rest beside it. */
    public static StackConfig local(Path home, Path dataDir, int gatewayPort) {
        return new StackConfig(home, dataDir, gatewayPort, 18081, 18082, java.util.List.of(18083), 15432, 19092, 19093,
                false);
    }

    /** Free ports everywhere, for tests that start a stack next to anything else. */
    public static StackConfig ephemeral(Path home, Path dataDir) {
        return ephemeral(home, dataDir, 1);
    }

    public static StackConfig ephemeral(Path home, Path dataDir, int workers) {
        java.util.List<Integer> workerPorts = new java.util.ArrayList<>();
        for (int i = 0; i < workers; i++) {
            workerPorts.add(FreePorts.next());
        }
        return new StackConfig(home, dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next(),
                java.util.List.copyOf(workerPorts), FreePorts.next(), FreePorts.next(), FreePorts.next(), true);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }
}
