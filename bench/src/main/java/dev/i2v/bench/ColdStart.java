package dev.i2v.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.i2v.bench.probe.WorkEvents;
import dev.i2v.bench.report.Report;
import dev.i2v.infra.FreePorts;
import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackDatabase;

/**
 * A worker's cold start: with a job already queued and no worker running, a worker process is launched (as a
 * scale-out from zero would) and the time to its health check passing and to it starting the job is taken.
 * Baseline in the same run: the same JVM starting and exiting ({@code java -version}).
 */
final class ColdStart implements Scenario {

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
                    .put("ratio", firstJob / floor);
            report.line("A job waits while no worker runs; a worker process is launched; %d rounds, medians.", rounds);
            report.table(List.of("what", "median ms"), List.of(
                    List.of("launch → health check passes", healthy),
                    List.of("launch → first job started (worker's `work_started` time)", firstJob),
                    List.of("baseline: the same JVM starting and exiting (`java -version`)", floor),
                    List.of("ratio first job / bare JVM", String.format("%.0f×", firstJob / floor))));
            return report;
        }
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
