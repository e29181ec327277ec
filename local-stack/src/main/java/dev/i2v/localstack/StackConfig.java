package dev.i2v.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.i2v.infra.FreePorts;

/**
 * Where the stack lives and which ports it uses.
 *
 * @param home            the repository root (the services' jars are built under it)
 * @param dataDir         everything the stack keeps: database, broker log, objects, logs, keys
 * @param workerPorts     one worker process per port
 * @param fastTestTimings short share-lock timings and test models, for tests
 * @param extraProperties more settings for every service (a service ignores those it does not know)
 */
public record StackConfig(Path home, Path dataDir, int gatewayPort, int creditsPort, int jobsPort,
                          List<Integer> workerPorts, int postgresPort, int kafkaPort, int kafkaControllerPort,
                          boolean fastTestTimings, Map<String, String> extraProperties) {

    /** The fixed ports of {@code bin/dev}: gateway on {@code gatewayPort}, the rest beside it. */
    public static StackConfig local(Path home, Path dataDir, int gatewayPort) {
        return new StackConfig(home, dataDir, gatewayPort, 18081, 18082, List.of(18083), 15432, 19092, 19093,
                false, Map.of());
    }

    /** Free ports everywhere, for tests that start a stack next to anything else. */
    public static StackConfig ephemeral(Path home, Path dataDir) {
        return ephemeral(home, dataDir, 1);
    }

    public static StackConfig ephemeral(Path home, Path dataDir, int workers) {
        List<Integer> workerPorts = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            workerPorts.add(FreePorts.next());
        }
        return new StackConfig(home, dataDir, FreePorts.next(), FreePorts.next(), FreePorts.next(),
                List.copyOf(workerPorts), FreePorts.next(), FreePorts.next(), FreePorts.next(), true,
                Map.of());
    }

    /** The same stack with more settings for its services. */
    public StackConfig with(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(extraProperties);
        all.putAll(properties);
        return new StackConfig(home, dataDir, gatewayPort, creditsPort, jobsPort, workerPorts, postgresPort, kafkaPort,
                kafkaControllerPort, fastTestTimings, Map.copyOf(all));
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }
}
