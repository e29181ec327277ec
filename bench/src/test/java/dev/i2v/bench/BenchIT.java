package dev.i2v.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.i2v.bench.report.Report;

/**
 * The short versions of every benchmark scenario and of the fault suite, each on its own local stack with
 * real Kafka and PostgreSQL: they run end to end, write their reports, and what they measure adds up (every
 * accepted job finished, no hold left open, the books balanced).
 */
class BenchIT {

    static BenchContext context;

    @BeforeAll
    static void shortRuns() throws Exception {
        Path home = Path.of(System.getProperty("i2v.home", "..")).toAbsolutePath().normalize();
        context = new BenchContext(home, Path.of("target", "bench-short").toAbsolutePath(), null, true);
    }

    @Test
    void submitRampMeasuresBothSidesAndEveryAcceptedJobEnds() throws Exception {
        Report report = Bench.run(context, new SubmitRamp());

        assertThat((List<?>) report.facts().get("plain_sql_steps")).isNotEmpty();
        assertThat((List<?>) report.facts().get("gateway_steps")).isNotEmpty();
        assertThat(number(report, "accepted_jobs")).isPositive();
        assertThat(number(report, "accepted_terminal")).isEqualTo(number(report, "accepted_jobs"));
        assertThat(number(report, "open_holds_after")).isZero();
        assertWritten("submit.json", "submit.md", "submit-latency.png", "submit-throughput.png");
    }

    @Test
    void overheadMeasuresStartLatencyAndCpuPerJob() throws Exception {
        Report report = Bench.run(context, new Overhead());

        assertThat(number(report, "start_latency_jobs_seen")).isEqualTo(number(report, "idle_jobs"));
        assertThat((double) report.facts().get("submit_to_start_p50_ms")).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, Double> cpu = (Map<String, Double>) report.facts().get("cpu_ms_per_job");
        assertThat(cpu.get("total")).isPositive();
        assertThat((double) report.facts().get("plain_sql_cpu_ms_per_job")).isPositive();
        assertWritten("overhead.json", "overhead.md");
    }

    @Test
    void completionsDrainABacklogAndEveryJobSucceeds() throws Exception {
        Report report = Bench.run(context, new Completions());

        assertThat(number(report, "succeeded")).isEqualTo(number(report, "jobs"));
        assertThat((double) report.facts().get("cores_busy_while_draining")).isPositive()
                .isLessThanOrEqualTo(number(report, "cpus"));
        assertThat((double) report.facts().get("completed_per_second")).isPositive();
        assertWritten("completions.json", "completions.md", "completions.png");
    }

    /**
     * Every slot in use, never more: one consumer per lane claims a job the moment a slot is free, and a record the
     * worker has no slot for waits in its lane's consumer, not in an idle slot's (which used to strand it for a
     * whole job).
     */
    @Test
    void oneWorkerRunsAsManyJobsAsItHasSlotsAndFinishesThemAll() throws Exception {
        Report report = Bench.run(context, new Capacity());

        @SuppressWarnings("unchecked")
        Map<String, Object> level = ((List<Map<String, Object>>) report.facts().get("levels")).get(0);
        assertThat(((Number) level.get("max_running")).longValue()).isEqualTo(4L);
        assertThat(((Number) level.get("succeeded")).longValue()).isEqualTo(8);
        assertThat((double) level.get("busy_live_heap_mib")).isPositive();
        assertWritten("capacity.json", "capacity.md");
    }

    /**
     * Hosted-model jobs: all open at the provider at once on one worker, each billed once, every one succeeding; a
     * result is picked up sooner by MiniMax's callback than by the next poll.
     */
    @Test
    void oneWorkerHoldsEveryHostedTaskOpenAtOnceAndEachJobIsBilledOnce() throws Exception {
        Report report = Bench.run(context, new Providers());

        assertThat(number(report, "open_at_once")).as(report.markdown()).isEqualTo(number(report, "jobs"));
        assertThat(number(report, "succeeded")).isEqualTo(number(report, "jobs"));
        assertThat((double) report.facts().get("billed_tasks_per_job")).isEqualTo(1.0);
        assertThat((double) report.facts().get("busy_live_heap_mib")).isPositive();
        assertThat(number(report, "pickup_callbacks_p50_ms")).as("a callback picks a result up before the next poll")
                .isLessThan(number(report, "pickup_polling_p50_ms"));
        assertThat((double) report.facts().get("pickup_billed_tasks_per_job")).isEqualTo(1.0);
        assertWritten("providers.json", "providers.md");
    }

    /**
     * Hosted jobs under a SIGKILL, a freeze past the lease, cancels and an account's outage: every job ends, each
     * has one provider task, a cancelled job's task is cancelled at the provider, nothing is billed twice.
     */
    @Test
    void hostedJobsUnderFaultsArePaidOnceEach() throws Exception {
        Report report = Bench.run(context, new ProviderFaults());

        assertThat(number(report, "terminal")).as(report.markdown()).isEqualTo(number(report, "jobs"));
        assertThat(number(report, "succeeded") + number(report, "cancelled")).isEqualTo(number(report, "jobs"));
        assertThat(number(report, "prompts_with_one_task")).isEqualTo(number(report, "prompts"));
        assertThat((double) report.facts().get("billed_tasks_per_job")).isEqualTo(1.0);
        assertThat(number(report, "captures")).isEqualTo(number(report, "succeeded"));
        assertThat(number(report, "cancelled_with_output")).isZero();
        assertThat(number(report, "cancelled_at_provider")).isEqualTo(number(report, "cancel_requests"));
        assertThat(number(report, "cancelled_while_worker_dead")).as("a case the scenario must set up").isPositive();
        assertThat(number(report, "second_batch_at_down_account")).isZero();
        assertThat(number(report, "open_holds")).isZero();
        assertWritten("provider-faults.json", "provider-faults.md");
    }

    @Test
    void anotherAccountsJobsWaitForTurnsNotForTheBacklog() throws Exception {
        Report report = Bench.run(context, new Fairness());

        assertThat(number(report, "terminal")).as(report.markdown()).isEqualTo(number(report, "jobs"));
        assertThat(number(report, "succeeded")).isEqualTo(number(report, "jobs"));
        assertThat(number(report, "backlog_jobs_fifo_would_put_first_min"))
                .as("set-up: first in first out would have put many backlog jobs first").isGreaterThan(Fairness.WINDOW + 3);
        assertThat(number(report, "backlog_jobs_started_before_a_small_job_max"))
                .as("the window, one turn and the record a busy worker holds").isLessThanOrEqualTo(Fairness.WINDOW + 3);
        assertWritten("fairness.json", "fairness.md");
    }

    /**
     * Four workers share one provider account: it never sees more open tasks or create calls a minute than its
     * limits (set once, in job-service), and no job fails for them.
     */
    @Test
    void fourWorkersStayWithinTheProviderAccountsLimits() throws Exception {
        Report report = Bench.run(context, new ProviderBudgets());

        assertThat(number(report, "succeeded")).as(report.markdown()).isEqualTo(number(report, "jobs"));
        assertThat(number(report, "refused_for_limits")).as("creates the account refused for its limits").isZero();
        assertThat(number(report, "max_open_at_provider")).isPositive()
                .isLessThanOrEqualTo(number(report, "max_concurrent"));
        assertThat(number(report, "max_creates_in_a_minute")).as("set-up: the per-minute limit was reached")
                .isEqualTo(number(report, "creates_per_minute"));
        assertThat(number(report, "prompts_with_one_task")).isEqualTo(number(report, "jobs"));
        assertWritten("provider-budgets.json", "provider-budgets.md");
    }

    /** The scheduler admits a freed slot's next job and a lifted backlog, and says how fast. */
    @Test
    void theSchedulerAdmitsAFreedSlotsNextJobAndALiftedBacklog() throws Exception {
        Report report = Bench.run(context, new SchedulerCost());

        assertThat(number(report, "not_admitted")).as(report.markdown()).isZero();
        assertThat(number(report, "admitted_after_lift")).as("most of the backlog waited for the lift")
                .isGreaterThan(number(report, "backlog") / 2);
        assertThat(number(report, "latency_samples")).isPositive();
        assertThat((double) report.facts().get("admissions_per_second")).isPositive();
        assertWritten("scheduler.json", "scheduler.md");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aColdWorkerTakesTheWaitingJob() throws Exception {
        Report report = Bench.run(context, new ColdStart());

        double firstJob = (double) report.facts().get("median_first_job_ms");
        assertThat(firstJob).isPositive().isGreaterThan((double) report.facts().get("median_bare_jvm_ms"));
        Map<String, List<Double>> services = (Map<String, List<Double>>) report.facts().get("service_started_ms");
        assertThat(services).containsOnlyKeys("gateway-service", "credits-service", "job-service")
                .allSatisfy((service, times) -> assertThat(times).isNotEmpty().allSatisfy(ms -> assertThat(ms).isPositive()));
        assertWritten("coldstart.json", "coldstart.md");
    }

    @Test
    void underEachFaultNothingIsLostOrChargedTwiceAndTheBooksBalance() throws Exception {
        Report report = Bench.run(context, new FaultSuite());

        assertThat(report.facts().get("all_consistent")).as(report.markdown()).isEqualTo(true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> faults = (List<Map<String, Object>>) report.facts().get("faults");
        assertThat(faults).hasSize(FaultSuite.FAULTS.size())
                .allSatisfy(f -> assertThat((long) f.get("accepted")).isPositive());
        assertWritten("faults.json", "faults.md", "faults-latency.png");
    }

    private static long number(Report report, String fact) {
        return ((Number) report.facts().get(fact)).longValue();
    }

    private static void assertWritten(String... files) {
        for (String file : files) {
            assertThat(Files.exists(context.results().resolve(file))).as(file).isTrue();
        }
    }
}
