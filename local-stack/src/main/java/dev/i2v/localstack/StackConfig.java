package dev.i2v.localstack;

import java.nio.file.Path;

import dev.i2v.infra.FreePorts;

/**
 * Where the stack lives and which ports it uses.
 *
 * @param home            the repository root (the services' jars are built under it)
 * @param dataDir         everything the stack keeps: database, broker log, objects, logs, keys
 * @param fastTestTimings short share-lock timings, for tests
 */
public record StackConfig(Path home, Path dataDir, int gatewayPort, int creditsPort, int jobsPort, int workerPort,
                          int postgresPort, int kafkaPort, int kafkaControllerPort, boolean fastTestTimings) {

    /** The fixed ports of {@code bin/dev}: gateway on {@code gatewayPort}, the rest beside it. */
    public static StackConfig local(Path home, Path dataDir, int gatewayPort) {
        return new StackConfig(home, dataDir, gatewayPort, 18081, 18082, 18083, 15432, 19092, 19093, false);
    }

    /** Free ports everywhere, for tests that start a stack next to anything else. */
    public static StackConfig ephemeral(Path home, Path dataDir) {
        return new StackConfig(home, dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next(), true);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }
}
