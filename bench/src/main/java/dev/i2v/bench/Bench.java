package dev.i2v.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.i2v.bench.report.Report;

/**
 * Runs benchmark scenarios, each on a fresh local stack, and writes their reports. Run (after
 * {@code ./mvnw -B install -DskipTests}) with {@code bin/bench [scenario...]}; scenarios: {@code submit},
 * {@code overhead}, {@code completions}, {@code capacity}, {@code coldstart}, {@code faults}, {@code providers},
 * {@code provider-faults}, or {@code all}
 * (the default). {@code -Dbench.short=true} runs the few-second versions the test suite runs.
 */
public final class Bench {

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        for (Scenario s : List.of(new SubmitRamp(), new Overhead(), new Completions(), new Capacity(), new ColdStart(),
                new FaultSuite(), new Providers(), new ProviderFaults(), new Fairness(), new ProviderBudgets(), new SchedulerCost())) {
            SCENARIOS.put(s.name(), s);
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> names = args.length == 0 || List.of(args).contains("all") ? List.copyOf(SCENARIOS.keySet()) : List.of(args);
        for (String name : names) {
            if (!SCENARIOS.containsKey(name)) {
                System.err.println("unknown scenario " + name + "; known: " + SCENARIOS.keySet() + " or all");
                System.exit(2);
            }
        }
        // the services run as their images run them, with the optimising compiler (bin/dev's quicker-starting
        // C1-only services would make every latency figure a dev-machine figure); -Di2v.stack.full-jit=false undoes it
        System.setProperty("i2v.stack.full-jit", System.getProperty("i2v.stack.full-jit", "true"));
        BenchContext context = BenchContext.fromSystemProperties();
        List<Report> reports = new ArrayList<>();
        for (String name : names) {
            reports.add(run(context, SCENARIOS.get(name)));
        }
        System.out.println("reports in " + context.results());
        System.exit(0);
    }

    /** Runs one scenario and writes its report. */
    static Report run(BenchContext context, Scenario scenario) throws Exception {
        Path data = Files.createTempDirectory("i2v-bench-" + scenario.name());
        try {
            Report report = scenario.run(context.withData(data));
            report.write(context.results());
            return report;
        } finally {
            if (!Boolean.getBoolean("bench.keep-data")) {
                deleteRecursively(data);
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
