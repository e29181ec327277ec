package dev.i2v.jobs.jobs;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.pauses.Pauses;
import dev.i2v.jobs.problems.JobsException;
import dev.i2v.jobs.providertasks.RouteBudgetProperties;

/** Operators' reads of jobs: a search over every account, and one job's whole record. */
@Service
public class JobOperatorQueries {

    private static final int MAX_PAGE = 200;

    private final JobRepository jobs;
    private final RouteBudgetProperties budgets;
    private final Pauses pauses;

    JobOperatorQueries(JobRepository jobs, RouteBudgetProperties budgets, Pauses pauses) {
        this.jobs = jobs;
        this.budgets = budgets;
        this.pauses = pauses;
    }

    /** The search of an operator's filters in their wire forms, checked. */
    static JobsApi.JobSearch criteria(UUID accountId, String status, String model, String provider, String route,
                                      String lane, Instant createdFrom, Instant createdTo) {
        try {
            return new JobsApi.JobSearch(accountId, status == null ? null : JobStatus.fromWireName(status), model,
                    provider, route, lane == null ? null : Lane.fromWireName(lane), createdFrom, createdTo);
        } catch (IllegalArgumentException e) {
            throw new JobsException.InvalidJobRequest("status must be one of queued, running, succeeded, failed, "
                    + "cancelled and lane one of " + String.join(", ", Lane.wireNamesInStartOrder()));
        }
    }

    /** @param cursor the id of the last job of the previous page */
    @Transactional(readOnly = true)
    public JobsApi.JobPage search(JobsApi.JobSearch search, UUID cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new JobsException.InvalidJobRequest("limit must be between 1 and " + MAX_PAGE);
        }
        Job after = cursor == null ? null
                : jobs.find(cursor).orElseThrow(() -> new JobsException.InvalidJobRequest("unknown cursor"));
        List<Job> rows = jobs.search(search, after, limit + 1);
        boolean more = rows.size() > limit;
        List<Job> page = more ? rows.subList(0, limit) : rows;
        return new JobsApi.JobPage(page.stream().map(Job::view).toList(), more ? page.getLast().id().toString() : null);
    }

    /** The queues now: per lane, per model (with its recent outcomes), per provider route (with its budget). */
    @Transactional(readOnly = true)
    public JobsApi.Overview overview() {
        return new JobsApi.Overview(jobs.laneLoads(), jobs.modelLoads(), routeLoads());
    }

    /** Every route with traffic or a budget: an idle budgeted route is shown too, so a paused one is never hidden. */
    private List<JobsApi.RouteLoad> routeLoads() {
        Map<String, JobRepository.RouteTraffic> traffic = new TreeMap<>();
        jobs.routeLoads().forEach(t -> traffic.put(t.route(), t));
        budgets.routes().keySet().forEach(route -> traffic.putIfAbsent(route, new JobRepository.RouteTraffic(route, 0, 0)));
        Set<String> paused = new HashSet<>();
        pauses.all().stream().filter(p -> "route".equals(p.kind())).forEach(p -> {
            paused.add(p.name());
            traffic.putIfAbsent(p.name(), new JobRepository.RouteTraffic(p.name(), 0, 0));
        });
        return traffic.values().stream().map(t -> {
            RouteBudgetProperties.Budget budget = budgets.routes().get(t.route());
            return new JobsApi.RouteLoad(t.route(), t.openTasks(), t.createsLastMinute(),
                    budget == null ? null : budget.maxConcurrent(), budget == null ? null : budget.createsPerMinute(),
                    paused.contains(t.route()));
        }).toList();
    }

    @Transactional(readOnly = true)
    public JobsApi.JobRecord record(UUID id) {
        Job job = jobs.find(id).orElseThrow(() -> new JobsException.JobNotFound(id));
        JobRepository.OperatorDetails details = jobs.operatorDetails(id).orElseThrow();
        return new JobsApi.JobRecord(job.view(), details.workerId(), details.delivery(), details.leaseWorker(),
                details.leaseExpiresAt(), details.lostClaims(), details.provider(), details.route(),
                details.providerTaskId(),
                details.providerTaskAttempt(), details.providerTaskAt(), details.admittedAt(), details.queueDeadline(),
                details.deletedAt(), job.promptOptimizer(), job.watermark(), jobs.transitions(id), job.image(),
                job.webhookUrl(), details.requeuedFrom(), jobs.requeuedAs(id).orElse(null));
    }
}
