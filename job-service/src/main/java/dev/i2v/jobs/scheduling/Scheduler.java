package dev.i2v.jobs.scheduling;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.i2v.contracts.JobStatus;
import dev.i2v.jobs.jobs.AdmitJobService;
import dev.i2v.jobs.jobs.JobChange;

/**
 * Runs admission passes: at an interval, and at once when a job is submitted, claimed or ends (the changes that
 * can let a waiting job start). A pass is one transaction under the replicas' shared advisory lock: it reads the
 * waiting jobs, plans with {@link AdmissionPlan} and admits the planned jobs in order.
 */
@Component
class Scheduler {

    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final AdmissionRepository admissions;
    private final AdmitJobService admit;
    private final TransactionTemplate transactions;
    private final SchedulerProperties properties;
    private final Counter admitted;
    private final Timer passes;
    private final ReentrantLock passing = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scheduler-nudge");
        t.setDaemon(true);
        return t;
    });

    Scheduler(AdmissionRepository admissions, AdmitJobService admit, TransactionTemplate transactions,
              SchedulerProperties properties, MeterRegistry meters) {
        this.admissions = admissions;
        this.admit = admit;
        this.transactions = transactions;
        this.properties = properties;
        this.admitted = Counter.builder("i2v.scheduler.admitted").description("jobs admitted to the workers")
                .register(meters);
        this.passes = Timer.builder("i2v.scheduler.pass").description("admission passes").register(meters);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(JobChange change) {
        JobStatus after = change.after().status();
        if (change.from() == null || after.terminal() || after == JobStatus.RUNNING && change.from() != after) {
            nudge();
        }
    }

    /** Asks for a pass now; coalesces with one already queued or running. */
    void nudge() {
        again.set(true);
        if (nudgeQueued.compareAndSet(false, true)) {
            try {
                nudges.execute(() -> {
                    nudgeQueued.set(false);
                    run();
                });
            } catch (RejectedExecutionException e) {
                // shutting down: the next start's periodic pass admits
            }
        }
    }

    @Scheduled(fixedDelayString = "${i2v.jobs.scheduler.interval:200ms}")
    void run() {
        if (!passing.tryLock()) {
            again.set(true); // the running pass looks once more
            return;
        }
        try {
            do {
                again.set(false);
                passes.record(this::pass);
            } while (again.get());
        } catch (RuntimeException e) {
            log.warn("admission pass failed, will retry: {}", e.toString());
        } finally {
            passing.unlock();
        }
    }

    /** One pass; returns how many jobs it admitted. */
    int pass() {
        Integer count = transactions.execute(status -> {
            if (!admissions.tryLockPass()) {
                return 0;
            }
            List<AdmissionPlan.Waiting> waiting = admissions.waiting(properties.scan());
            if (waiting.isEmpty()) {
                return 0;
            }
            Set<UUID> accounts = new HashSet<>();
            waiting.forEach(w -> accounts.add(w.accountId()));
            List<UUID> planned = AdmissionPlan.plan(waiting, admissions.busy(accounts),
                    admissions.lastAdmitted(accounts),
                    AdmissionPlan.roomPerLane(properties.window(), admissions.unclaimed()));
            int done = 0;
            for (UUID job : planned) {
                done += admit.admit(job) ? 1 : 0;
            }
            return done;
        });
        int done = count == null ? 0 : count;
        admitted.increment(done);
        return done;
    }
}
