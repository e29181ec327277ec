package dev.i2v.worker.providers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

import dev.i2v.contracts.events.ProviderTaskAbandoned;
import dev.i2v.contracts.events.Topics;

/**
 * Cancels, at its provider, the task of a job that ended without its worker (cancelled while its worker was dead,
 * timed out, poison): one worker of the fleet hears each (a consumer group shared by all workers), whichever worker
 * followed the task. Providers without a cancel (MiniMax, Kling) run the task out; nobody collects its result.
 */
@Component
class AbandonedTaskListener {

    private static final Logger log = LoggerFactory.getLogger(AbandonedTaskListener.class);

    private final ProvidersConfiguration.Accounts accounts;
    private final MeterRegistry meters;

    AbandonedTaskListener(ProvidersConfiguration.Accounts accounts, MeterRegistry meters) {
        this.accounts = accounts;
        this.meters = meters;
    }

    // earliest: a group formed after a task was abandoned still cancels it (the group's offsets decide afterwards).
    // A 10 s session: the partitions of a worker that died (the usual reason a task is abandoned) move to a living
    // one within seconds, not the default 45.
    @KafkaListener(topics = Topics.PROVIDER_TASKS_ABANDONED, groupId = Topics.ABANDONED_TASKS_GROUP,
            properties = {"auto.offset.reset=earliest", "session.timeout.ms=10000", "heartbeat.interval.ms=2000"})
    void on(ProviderTaskAbandoned abandoned) {
        accounts.adapter(abandoned.route()).ifPresentOrElse(adapter -> {
            adapter.cancel(abandoned.taskId()); // best effort, idempotent at the provider
            meters.counter("i2v.provider.tasks.abandoned", "route", abandoned.route(), "outcome", "cancel_asked")
                    .increment();
            log.info("job {} attempt {} ended without its worker ({}): asked {} to cancel task {}", abandoned.jobId(),
                    abandoned.attempt(), abandoned.reason(), abandoned.route(), abandoned.taskId());
        }, () -> {
            meters.counter("i2v.provider.tasks.abandoned", "route", abandoned.route(), "outcome", "unknown_route")
                    .increment();
            log.warn("job {} attempt {} abandoned {} task {}, but account {} is not configured on this worker: the "
                    + "task runs out at the provider", abandoned.jobId(), abandoned.attempt(), abandoned.route(),
                    abandoned.taskId(), abandoned.route());
        });
    }
}
