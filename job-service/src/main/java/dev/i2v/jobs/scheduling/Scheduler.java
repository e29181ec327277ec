package dev.i2v.jobs.scheduling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.jobs.jobs.AdmitJobService;
import dev.i2v.jobs.jobs.JobChange;
import dev.i2v.jobs.providertasks.RouteBudgetProperties;
import dev.i2v.kit.CoalescingPasses;

/**
 * Runs admission passes: at an interval, and at once when a job is submitted, claimed or ends (the changes that
 * can let a waiting job start). A pass is one transaction under the replicas' shared advisory lock: it reads the
 * waiting jobs, plans with {@link AdmissionPlan} and admits the planned jobs in order.
 */
@Component
class Scheduler {

    private final AdmissionRepository admissions;
    private final AdmitJobService admit;
    private final TransactionTemplate transactions;
    private final SchedulerProperties properties;
    private final Counter admitted;
    private final Timer passes;
    private final CoalescingPasses runs;
    private final RouteBudgetProperties routeBudgets;

    Scheduler(AdmissionRepository admissions, AdmitJobService admit, TransactionTemplate transactions,
              SchedulerProperties properties, RouteBudgetProperties routeBudgets, MeterRegistry meters) {
        this.routeBudgets = routeBudgets;
        this.admissions = admissions;
        this.admit = admit;
        this.transactions = transactions;
        this.properties = properties;
        this.admitted = Counter.builder("i2v.scheduler.admitted").description("jobs admitted to the workers")
                .register(meters);
        this.passes = Timer.builder("i2v.scheduler.pass").description("admission passes").register(meters);
        this.runs = new CoalescingPasses("scheduler", () -> passes.record(this::pass));
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
        runs.nudge();
    }

    @Scheduled(fixedDelayString = "${i2v.jobs.scheduler.interval:200ms}")
    void run() {
        runs.run();
    }

    @PreDestroy
    void stop() {
        runs.close();
    }

    /**
     * Per model with a route budget: how many more of its jobs may be admitted now — its routes' concurrent tasks
     * (and a {@link #headroom}) less its admitted, unfinished jobs, and their creates per minute less its admissions
     * of the last minute.
     */
    private Map<String, Integer> modelRoom() {
        Map<String, RouteBudgetProperties.ModelBudget> budgets = routeBudgets.byModel();
        if (budgets.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> active = admissions.activeByModel(budgets.keySet());
        Map<String, Integer> lastMinute = admissions.admittedLastMinute(budgets.keySet());
        Map<String, Integer> room = new HashMap<>();
        budgets.forEach((model, budget) -> {
            int left = Integer.MAX_VALUE;
            if (budget.maxConcurrent() != null) {
                left = Math.min(left, budget.maxConcurrent() + headroom(budget.maxConcurrent())
                        - active.getOrDefault(model, 0));
            }
            if (budget.createsPerMinute() != null) {
                left = Math.min(left, budget.createsPerMinute() - lastMinute.getOrDefault(model, 0));
            }
            room.put(model, Math.max(0, left));
        });
        return room;
    }

    /**
     * Jobs admitted beyond the routes' concurrent tasks: a fifth more, at least one. A job counts as active until it
     * has stored its result and reported, seconds after its task ended at the provider; without these the route's
     * freed slot would wait for that and for the next claim. They wait for their slot in a worker, briefly.
     */
    static int headroom(int maxConcurrent) {
        return Math.max(1, (maxConcurrent + 4) / 5);
    }

    /** One pass; returns how many jobs it admitted. */
    int pass() {
        Integer count = transactions.execute(status -> {
            if (!admissions.tryLockPass()) {
                return 0;
            }
            // every submit nudges a pass: with a backlog and every lane's window full (no worker free), a pass
            // that read the waiting jobs anyway cost each submit a scan of thousands of rows
            Map<Lane, Integer> room = AdmissionPlan.roomPerLane(properties.window(), admissions.unclaimed());
            if (room.values().stream().allMatch(free -> free == 0)) {
                return 0;
            }
            List<AdmissionPlan.Waiting> waiting = admissions.waiting(properties.scan());
            if (waiting.isEmpty()) {
                return 0;
            }
            Map<UUID, Integer> weights = AdmissionPlan.weights(waiting);
            List<UUID> planned = AdmissionPlan.plan(waiting, admissions.busy(weights.keySet()),
                    admissions.newestAdmissions(weights), room, modelRoom());
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
