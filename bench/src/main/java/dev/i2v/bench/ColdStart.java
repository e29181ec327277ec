package dev.i2v.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.i2v.bench.probe.WorkEvents;
import dev.i2v.bench.report.Report;
import dev.i2v.infra.FreePorts;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * A worker's cold start: with a job already queued and no worker running, a worker process is launched (as a
 * scale-out from zero would) and the time to its health check passing and to it starting the job is taken.
 * Then each other service is killed and started again by the stack's supervisor (as a rollout or a crash
 * would), and its own log says how long its JVM ran before the service was started. Baseline in the same run:
 * the same JVM starting and exiting ({@code java -version}).
 */
final class ColdStart implements Scenario {

    private static final List<String> OTHER_SERVICES = List.of("gateway-service", "credits-service", "job-service");
    /** Spring Boot's "Started X in 1.2 seconds (process running for 1.5)". */
    private static final Pattern PROCESS_RUNNING_FOR = Pattern.compile("\\(process running for ([0-9.]+)\\)");

    @Override
    public String name() {
        return "coldstart";
    }

    @Override
    public Report run(BenchContext context) throws Exception {
        int rounds = context.pick(5, 1);
        try (LocalStack stack = context.startStack(0, Map.of())) {
            BenchAccounts.Account account = BenchAccounts.create(stack, 1).get(0);
            Submitter submitter = new Submitter(stack);
            JobChecks checks = new JobChecks(new StackDatabase(stack));
            List<Double> toHealthy = new ArrayList<>();
            List<Double> toFirstJob = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int before = submitter.accepted().size();
                if (submitter.submit(account.key(), "cold start") != 202) {
                    throw new IllegalStateException("the queued job was refused");
                }
                String job = submitter.accepted().get(before);
                Instant launched = Instant.now();
                long began = System.nanoTime();
                int worker = stack.addWorker(FreePorts.next(), Map.of());
                stack.awaitWorkerHealthy(worker, Duration.ofMinutes(2));
                toHealthy.add((System.nanoTime() - began) / 1e6);
                checks.awaitTerminal(List.of(job), Duration.ofMinutes(2));
                Instant started = WorkEvents.starts(stack.kafkaBootstrapServers(), round + 1).get(job);
                toFirstJob.add(started == null ? Double.NaN : Duration.between(launched, started).toNanos() / 1e6);
                stack.stopWorker(worker);
            }
            Map<String, List<Double>> services = new LinkedHashMap<>();
            for (String service : OTHER_SERVICES) {
                services.put(service, restarts(stack, service, rounds));
            }
            List<Double> jvm = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                jvm.add(bareJvmStart());
            }
            double healthy = median(toHealthy);
            double firstJob = median(toFirstJob);
            double floor = median(jvm);
            Report report = new Report("coldstart", "Worker cold start to first job");
            report.put("rounds", rounds).put("launch_to_healthy_ms", toHealthy).put("launch_to_first_job_ms", toFirstJob)
                    .put("bare_jvm_ms", jvm).put("median_first_job_ms", firstJob).put("median_bare_jvm_ms", floor)
                    .put("ratio", firstJob / floor).put("service_started_ms", services);
            report.line("A job waits while no worker runs; a worker process is launched; %d rounds, medians.", rounds);
            report.table(List.of("what", "median ms"), List.of(
                    List.of("launch → health check passes", healthy),
                    List.of("launch → first job started (`job_started`: the worker's claim)", firstJob),
                    List.of("baseline: the same JVM starting and exiting (`java -version`)", floor),
                    List.of("ratio first job / bare JVM", String.format("%.0f×", firstJob / floor))));
            report.line("Other services, restarted %d times each: JVM start → service started, from its own log "
                    + "(\"process running for\").", rounds);
            List<List<Object>> rows = new ArrayList<>();
            services.forEach((service, times) -> rows.add(List.<Object>of(service, median(times),
                    String.format("%.0f×", median(times) / floor))));
            report.table(List.of("service", "median ms", "ratio to bare JVM"), rows);
            return report;
        }
    }

    /** JVM start → started, from the log of each of {@code rounds} restarts of {@code service}. */
    private static List<Double> restarts(LocalStack stack, String service, int rounds) throws Exception {
        Path log = stack.logs().stream().filter(p -> p.getFileName().toString().equals(service + ".log")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no log of " + service));
        List<Double> started = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int before = startLines(log).size();
            stack.killService(service);
            stack.awaitServiceHealthy(service, Duration.ofMinutes(2));
            List<Double> lines = startLines(log);
            if (lines.size() <= before) {
                throw new IllegalStateException(service + " answered its health check but logged no new start");
            }
            started.add(lines.get(lines.size() - 1));
        }
        return started;
    }

    private static List<Double> startLines(Path log) throws Exception {
        List<Double> seconds = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            Matcher matcher = PROCESS_RUNNING_FOR.matcher(line);
            if (matcher.find()) {
                seconds.add(Double.parseDouble(matcher.group(1)) * 1000);
            }
        }
        return seconds;
    }

    private static double bareJvmStart() throws Exception {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        long began = System.nanoTime();
        new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return (System.nanoTime() - began) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
