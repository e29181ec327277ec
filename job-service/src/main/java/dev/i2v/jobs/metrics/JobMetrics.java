package dev.i2v.jobs.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.i2v.contracts.JobStatus;

import dev.i2v.jobs.jobs.Job;
import dev.i2v.jobs.jobs.JobChange;

/**
 * Job outcomes and latencies per model, counted once a transition is committed:
 * {@code i2v_jobs_finished_total{model,outcome}}, {@code i2v_jobs_latency_seconds{model,outcome}} (submit to
 * end, a histogram), {@code i2v_jobs_wait_seconds{model,lane}} (submit to a worker's start) and
 * {@code i2v_jobs_retries_total{model}}.
 */
@Component
class JobMetrics {

    private static final Duration[] SLOS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(10)};

    private final MeterRegistry registry;

    JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobChange event) {
        Job job = event.after();
        if (job.status().terminal() && event.from() != null && !event.from().terminal()) {
            String outcome = job.status().wireName();
            Counter.builder("i2v.jobs.finished").description("jobs that reached a terminal state")
                    .tags("model", job.model(), "outcome", outcome).register(registry).increment();
            if (job.state().finishedAt() != null) {
                Timer.builder("i2v.jobs.latency").description("submit to terminal state")
                        .tags("model", job.model(), "outcome", outcome).serviceLevelObjectives(SLOS).register(registry)
                        .record(Duration.between(job.createdAt(), job.state().finishedAt()));
            }
        } else if (job.status() == JobStatus.RUNNING && event.from() == JobStatus.QUEUED && job.state().startedAt() != null) {
            Timer.builder("i2v.jobs.wait").description("submit to a worker's start")
                    .tags("model", job.model(), "lane", job.lane().wireName()).serviceLevelObjectives(SLOS)
                    .register(registry).record(Duration.between(job.createdAt(), job.state().startedAt()));
        } else if (job.status() == JobStatus.QUEUED && event.from() == JobStatus.RUNNING) {
            Counter.builder("i2v.jobs.retries").description("attempts that failed transiently and were queued again")
                    .tags("model", job.model()).register(registry).increment();
        }
    }
}
