package dev.i2v.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackConfig;

/**
 * Where a run happens and how long it lasts.
 *
 * @param home     the repository root (the services' jars are built under it)
 * @param results  where reports go
 * @param data     the current scenario's stack data
 * @param quick    the few-second versions the test suite runs, instead of the full ones
 */
record BenchContext(Path home, Path results, Path data, boolean quick) {

    static BenchContext fromSystemProperties() {
        // the repository root: the working directory under Maven from the root, its parent from the module
        String root = Files.isDirectory(Path.of("bench")) ? "." : "..";
        Path home = Path.of(System.getProperty("i2v.home", root)).toAbsolutePath().normalize();
        Path results = Path.of(System.getProperty("bench.results", home.resolve("bench/target/bench").toString()));
        return new BenchContext(home, results, null, Boolean.getBoolean("bench.short"));
    }

    BenchContext withData(Path data) {
        return new BenchContext(home, results, data, quick);
    }

    /**
     * A local stack with the test models, {@code workers} worker processes and these extra settings, plus any
     * given as {@code -Dbench.set=name=value,name=value} (for A/B runs of a setting, e.g.
     * {@code i2v.worker.poll-timeout=50ms}).
     */
    LocalStack startStack(int workers, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        for (String setting : System.getProperty("bench.set", "").split(",")) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                all.put(setting.substring(0, eq).trim(), setting.substring(eq + 1).trim());
            }
        }
        return LocalStack.start(StackConfig.ephemeral(home, data, workers).with(all));
    }

    /** {@code full} normally, {@code quick} in the test suite's version. */
    <T> T pick(T full, T quickValue) {
        return quick ? quickValue : full;
    }
}
