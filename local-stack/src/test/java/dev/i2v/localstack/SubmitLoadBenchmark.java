package dev.i2v.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submit throughput and latency through the gateway next to the plain-SQL baseline, on a fresh local
 * stack. Run (after {@code ./mvnw -B install -DskipTests}):
 * <pre>
 * ./mvnw -q -B -pl local-stack exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.i2v.localstack.SubmitLoadBenchmark [-Dexec.args="16 30 5"]
 * </pre>
 * Arguments: clients (16), measured seconds per phase (30), warm-up seconds (5). Phases run baseline,
 * gateway, baseline so that drift of the machine shows; the report is written to
 * {@code local-stack/target/bench/submit-load.{json,md}}, and where a submit's time went (each service's own
 * HTTP timers) to {@code submit-breakdown.md}. The services run as bin/dev runs them (C1 only outside the
 * worker: on two cores C2's compile threads cost more than they give back within a run);
 * {@code -Di2v.stack.full-jit=true} changes that. Add
 * {@code -Di2v.stack.jvm-options=-XX:StartFlightRecording=filename=/tmp/{service}.jfr,settings=profile} for
 * a JFR recording per service.
 */
public final class SubmitLoadBenchmark {

    private SubmitLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 30);
        Duration warmup = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 5);
        // the repository root: the working directory under Maven from the root, its parent from the module
        String root = Files.isDirectory(Path.of("local-stack")) ? "." : "..";
        Path home = Path.of(System.getProperty("i2v.home", root)).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("i2v-submit-bench");
        try (LocalStack stack = LocalStack.start(StackConfig.ephemeral(home, data))) {
            SubmitLoad load = new SubmitLoad(stack, clients);
            List<String> keys = load.prepareAccounts();
            List<SubmitLoad.Phase> phases = new ArrayList<>();
            phases.add(load.baseline(warmup, measured));
            phases.add(load.gateway(keys, warmup, measured));
            phases.add(load.baseline(warmup, measured));
            report(home.resolve("local-stack/target/bench"), clients, phases);
            breakdown(home.resolve("local-stack/target/bench"), stack);
        }
        System.exit(0);
    }

    /** Where a submit's time went: each service's timers for the routes a submit passes through. */
    static void breakdown(Path dir, LocalStack stack) throws Exception {
        List<RequestTimings.Route> routes = new ArrayList<>();
        routes.addAll(RequestTimings.of("gateway", stack.config().gatewayPort()));
        routes.addAll(RequestTimings.of("credits", stack.config().creditsPort()));
        routes.addAll(RequestTimings.of("jobs", stack.config().jobsPort()));
        StringBuilder md = new StringBuilder("| service | served / called | route | count | mean ms |\n|---|---|---|---|---|\n");
        routes.stream().filter(r -> r.count() >= 100 && (r.uri().startsWith("/v1/videos") || r.uri().startsWith("/internal")))
                .sorted(java.util.Comparator.comparingDouble(RequestTimings.Route::meanMillis).reversed())
                .forEach(r -> md.append(String.format("| %s | %s | %s %s | %d | %.1f |%n", r.service(), r.kind(),
                        r.method(), r.uri(), r.count(), r.meanMillis())));
        Files.writeString(dir.resolve("submit-breakdown.md"), md);
        System.out.println(md);
    }

    static void report(Path dir, int clients, List<SubmitLoad.Phase> phases) throws java.io.IOException {
        SubmitLoad.Phase gateway = phases.stream().filter(p -> p.name().equals("gateway")).findFirst().orElseThrow();
        double baselinePerSecond = phases.stream().filter(p -> !p.name().equals("gateway"))
                .mapToDouble(SubmitLoad.Phase::perSecond).average().orElseThrow();
        double baselineP99 = phases.stream().filter(p -> !p.name().equals("gateway"))
                .mapToDouble(p -> p.millis(99)).average().orElseThrow();
        StringBuilder md = new StringBuilder("| phase | submits/s | p50 ms | p99 ms | max ms | not accepted |\n|---|---|---|---|---|---|\n");
        List<Map<String, Object>> json = new ArrayList<>();
        for (SubmitLoad.Phase p : phases) {
            md.append(String.format("| %s | %.0f | %.1f | %.1f | %.1f | %d |%n", p.name(), p.perSecond(), p.millis(50),
                    p.millis(99), p.latency().getMaxValue() / 1e6, p.failed()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("phase", p.name());
            row.put("submits_per_second", p.perSecond());
            row.put("p50_ms", p.millis(50));
            row.put("p99_ms", p.millis(99));
            row.put("max_ms", p.latency().getMaxValue() / 1e6);
            row.put("accepted", p.ok());
            row.put("not_accepted", p.failed());
            row.put("statuses", p.statuses());
            json.add(row);
        }
        md.append(String.format("%nGateway throughput = **%.2f×** the plain-SQL baseline; gateway p99 = **%.1f×** the "
                + "baseline's (%d clients, closed loop, %s).%n", gateway.perSecond() / baselinePerSecond,
                gateway.millis(99) / baselineP99, clients, Instant.now()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clients", clients);
        result.put("phases", json);
        result.put("throughput_ratio", gateway.perSecond() / baselinePerSecond);
        result.put("p99_ratio", gateway.millis(99) / baselineP99);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("submit-load.md"), md);
        Files.writeString(dir.resolve("submit-load.json"), StackClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        System.out.println(md);
    }
}
