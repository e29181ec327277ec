package dev.i2v.worker.dispatch;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.Topics;
import dev.i2v.kit.TraceContexts;
import dev.i2v.worker.WorkerProperties;
import dev.i2v.worker.reporting.WorkReporter;

/**
 * Takes jobs from the three lanes with one share consumer per lane — whatever the worker's capacity, each in its lane's
 * share group, so a fleet of 200 workers fits the broker's default of 200 members per group — polled in priority order by one thread (every n-th time
 * standard first; relaxed last). A job is claimed in job-service and its record acknowledged at once; it then runs on
 * a virtual thread of its own and holds no record: a hosted model's wait costs its state, a local render one of the
 * worker's CPU slots. A local job that finds every CPU slot busy stays in its consumer (one per lane at most; its
 * lock renewed, and the consumer takes nothing more) until a slot frees. On shutdown it stops taking jobs, hands the
 * held records back, gives running jobs {@code drain-grace} and then hands them back to job-service for another worker.
 */
@Component
class Dispatcher implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final long CLAIM_RETRY_MILLIS = 1000;

    private final DispatchPreparation preparation;
    private final WorkerProperties properties;
    private final JobRunner runner;
    private final ClaimedJobs claimed;
    private final Leases leases;
    private final LeaseKeeper keeper;
    private final CpuSlots cpu;
    private final JsonMapper json;
    private final String workerId;
    private final ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("job-", 0).factory());
    private final Map<Lane, Held> held = new EnumMap<>(Lane.class);
    private volatile boolean accepting;
    private Thread thread;
    private long taken;
    /** The lane the dispatcher waits on when no lane has a job: the one the last job came from. */
    private Lane waitOn = Lane.STANDARD;

    /** A dispatch record taken from its lane and not yet claimed: waiting for a CPU slot or for job-service. */
    private static final class Held {
        ConsumerRecord<String, String> record;
        final JobDispatched job;
        final String traceparent;
        long renewalDue;
        long claimNotBefore;

        Held(ConsumerRecord<String, String> record, JobDispatched job, String traceparent, long renewalDue) {
            this.record = record;
            this.job = job;
            this.traceparent = traceparent;
            this.renewalDue = renewalDue;
        }
    }

    Dispatcher(DispatchPreparation preparation, WorkerProperties properties, JobRunner runner, ClaimedJobs claimed,
               Leases leases, LeaseKeeper keeper, CpuSlots cpu, JsonMapper json) {
        this.preparation = preparation;
        this.properties = properties;
        this.runner = runner;
        this.claimed = claimed;
        this.leases = leases;
        this.keeper = keeper;
        this.cpu = cpu;
        this.json = json;
        this.workerId = preparation.workerId();
    }

    @Override
    public void start() {
        Map<Lane, KafkaShareConsumer<String, String>> consumers = preparation.await();
        accepting = true;
        keeper.start(workerId);
        thread = Thread.ofPlatform().name(workerId + "-dispatch").start(() -> dispatch(consumers));
        log.info("worker {} takes jobs from share groups {}: {} CPU slots, up to {} hosted-model jobs", workerId,
                Arrays.stream(Lane.values()).map(Topics::workerShareGroup).toList(), properties.slots(), properties.maxRemoteJobs());
    }

    /**
     * The drain: no new jobs; running ones get {@code drain-grace} to finish, then are handed back to job-service,
     * which dispatches them to another worker (a hosted job's next worker resumes its provider task).
     */
    @Override
    public void stop() {
        accepting = false;
        log.info("draining: no new jobs; {} running get {} to finish before they are handed back", claimed.size(),
                properties.drainGrace());
        join(thread);
        long deadline = System.nanoTime() + properties.drainGrace().toNanos();
        while (claimed.size() > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        for (ClaimedJobs.Claimed job : claimed.all()) {
            log.info("shutting down: handing job {} back", job.lease().jobId());
            job.work().cancel(true);
            leases.release(job.lease(), false);
        }
        keeper.stop();
        jobs.shutdown();
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** A start that failed before the dispatcher took its consumers leaves them to be closed here. */
    @Override
    public void destroy() {
        if (thread == null) {
            preparation.close();
        }
    }

    private void dispatch(Map<Lane, KafkaShareConsumer<String, String>> consumers) {
        try {
            while (accepting) {
                boolean took = false;
                for (Lane lane : order()) {
                    if (lane != waitOn && !held.containsKey(lane)) {
                        took |= take(lane, consumers.get(lane), Duration.ZERO);
                    }
                }
                if (!held.containsKey(waitOn)) {
                    // nothing came elsewhere: wait here, where the last job came from (the likeliest lane)
                    took |= take(waitOn, consumers.get(waitOn), took ? Duration.ZERO : properties.pollTimeout());
                } else if (!took) {
                    sleep(properties.pollTimeout().toMillis());
                }
                for (Lane lane : order()) {
                    Held next = held.get(lane);
                    if (next != null && (tryStart(next, consumers.get(lane)) || !renewIfDue(next, consumers.get(lane)))) {
                        held.remove(lane);
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("the dispatcher stopped on an unexpected error", e);
        } finally {
            held.forEach((lane, h) -> acknowledge(consumers.get(lane), h.record, AcknowledgeType.RELEASE));
            held.clear();
            consumers.values().forEach(KafkaShareConsumer::close);
        }
    }

    private List<Lane> order() {
        boolean standardFirst = taken % properties.standardEvery() == properties.standardEvery() - 1;
        return standardFirst ? List.of(Lane.STANDARD, Lane.PRIORITY, Lane.RELAXED)
                : List.of(Lane.PRIORITY, Lane.STANDARD, Lane.RELAXED);
    }

    /**
     * Takes the lane's next record, waiting up to {@code wait} for one. Each consumer's client fetches in the
     * background, so a record that reached the worker is in its consumer whether or not the dispatcher waits there:
     * polling the lanes in turn with a wait on each kept a job that had arrived on one lane waiting while the
     * dispatcher waited on another (measured: 25 ms from the record reaching the worker to its claim, 20 ms polls).
     */
    private boolean take(Lane lane, KafkaShareConsumer<String, String> consumer, Duration wait) {
        boolean took = false;
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            took = true;
            waitOn = lane;
            try {
                JobDispatched job = json.readValue(record.value(), JobDispatched.class);
                Header trace = record.headers().lastHeader(TraceContexts.TRACEPARENT);
                held.put(lane, new Held(record, job,
                        trace == null ? null : new String(trace.value(), StandardCharsets.US_ASCII),
                        System.nanoTime() + renewInterval()));
            } catch (JacksonException e) {
                log.error("unreadable dispatch record {}-{}@{} rejected", record.topic(), record.partition(),
                        record.offset(), e);
                consumer.acknowledge(record, AcknowledgeType.REJECT);
            }
        }
        return took;
    }

    /**
     * Claims and starts the job if the worker has room for it (a CPU slot for a local job; a hosted job needs only
     * to be under {@code max-remote-jobs}). @return whether the record is done with (started or dropped)
     */
    private boolean tryStart(Held next, KafkaShareConsumer<String, String> consumer) {
        if (System.nanoTime() < next.claimNotBefore) {
            return false;
        }
        boolean remote = runner.isRemote(next.job.model());
        if (remote ? claimed.remote() >= properties.maxRemoteJobs() : !cpu.tryTake()) {
            return false;
        }
        Optional<JobsApi.Claim> claim;
        try {
            claim = leases.claim(next.job.jobId(), next.job.attempt());
        } catch (Leases.Unavailable e) {
            log.warn("could not claim job {} yet: {}", next.job.jobId(), e.getMessage());
            giveBack(remote);
            next.claimNotBefore = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLAIM_RETRY_MILLIS);
            return false;
        }
        // the claim is durable in job-service: the record's work is done, whatever happens to the job now
        consumer.acknowledge(next.record, AcknowledgeType.ACCEPT);
        if (claim.isEmpty()) {
            log.info("job {} attempt {} is not ours to run (over, or another worker's): dropped", next.job.jobId(),
                    next.job.attempt());
            giveBack(remote);
            return true;
        }
        taken++;
        keeper.granted(claim.get());
        launch(next, claim.get(), remote);
        return true;
    }

    private void launch(Held next, JobsApi.Claim claim, boolean remote) {
        JobsApi.Lease lease = new JobsApi.Lease(next.job.jobId(), next.job.attempt(), claim.delivery());
        ClaimedJobs.Claimed[] self = new ClaimedJobs.Claimed[1];
        FutureTask<Void> work = new FutureTask<>(() -> {
            run(next, lease, claim, remote, self[0]);
            return null;
        });
        self[0] = new ClaimedJobs.Claimed(lease, work, remote);
        claimed.add(self[0]);
        jobs.execute(work);
    }

    private void run(Held next, JobsApi.Lease lease, JobsApi.Claim claim, boolean remote, ClaimedJobs.Claimed self) {
        int slots = remote ? 0 : 1;
        try {
            if (!remote && claim.suspect() && cpu.size() > 1) {
                log.info("job {} was claimed before without an outcome: running it alone in this worker",
                        lease.jobId());
                cpu.takeRest();
                slots = cpu.size();
            }
            runner.run(next.job, lease.delivery(), workerId, next.traceparent);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (self.work().isCancelled()) {
                return; // stopped on purpose (cancelled, lease lost, drain): whoever stopped it handles the lease
            }
            boolean crashed = !(e instanceof WorkReporter.ReportFailed);
            if (crashed) {
                log.error("job {} crashed its runner; handing it back", lease.jobId(), e);
            } else {
                log.warn("job {}: {}; handing it back", lease.jobId(), e.getMessage());
            }
            leases.release(lease, crashed);
        } finally {
            cpu.give(slots);
            claimed.remove(self);
        }
    }

    private void giveBack(boolean remote) {
        if (!remote) {
            cpu.give(1);
        }
    }

    /** A third of the acquisition lock: two renewals may fail before the lock runs out. */
    private long renewInterval() {
        return TimeUnit.MILLISECONDS.toNanos(Math.max(500, properties.lockDuration().toMillis() / 3));
    }

    /** Renews a held record's lock when due; false when the lock is lost (the record went back to the group). */
    private boolean renewIfDue(Held next, KafkaShareConsumer<String, String> consumer) {
        if (System.nanoTime() < next.renewalDue) {
            return true;
        }
        next.renewalDue = System.nanoTime() + renewInterval();
        try {
            consumer.acknowledge(next.record, AcknowledgeType.RENEW);
            if (failed(consumer.commitSync(Duration.ofSeconds(10)))) {
                return false;
            }
            for (ConsumerRecord<String, String> again : consumer.poll(Duration.ofMillis(100))) {
                if (again.offset() == next.record.offset() && again.partition() == next.record.partition()) {
                    next.record = again;
                } else {
                    consumer.acknowledge(again, AcknowledgeType.RELEASE);
                }
            }
            return true;
        } catch (KafkaException | IllegalStateException e) {
            log.warn("renewing the lock of job {}'s record failed: {}", next.job.jobId(), e.toString());
            return false;
        }
    }

    private static boolean failed(Map<TopicIdPartition, Optional<KafkaException>> results) {
        return results.values().stream().anyMatch(Optional::isPresent);
    }

    private static void acknowledge(KafkaShareConsumer<String, String> consumer, ConsumerRecord<String, String> record,
                                    AcknowledgeType type) {
        try {
            consumer.acknowledge(record, type);
            consumer.commitSync(Duration.ofSeconds(10));
        } catch (KafkaException | IllegalStateException e) {
            log.warn("acknowledging {} as {} failed: {}", record.offset(), type, e.toString());
        }
    }

    private static void join(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
