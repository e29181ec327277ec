package dev.i2v.jobs.jobs;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.problems.JobsException;

/** Reads jobs. */
@Service
public class JobQueryService {

    private static final int MAX_PAGE = 100;

    private final JobRepository jobs;
    private final QueuePositions positions;

    JobQueryService(JobRepository jobs, QueuePositions positions) {
        this.jobs = jobs;
        this.positions = positions;
    }

    @Transactional(readOnly = true)
    public Job job(UUID id) {
        return jobs.findShown(id).orElseThrow(() -> new JobsException.JobNotFound(id));
    }

    /** The job as clients see it: with its queue position while it waits. */
    @Transactional(readOnly = true)
    public JobsApi.JobView view(UUID id) {
        Job job = job(id);
        if (!(job.state() instanceof JobState.Queued queued) || queued.notBefore() != null) {
            return job.view();
        }
        int position = positions.of(job);
        // ETA: the jobs ahead and this one, run at the current parallelism (at least one) at the recent pace
        double[] pace = jobs.recentRunSecondsAndRunning(job.model());
        double parallel = Math.max(1, pace[1]);
        int eta = (int) Math.ceil(Math.ceil((position + 1) / parallel) * pace[0]);
        return job.view(position, eta);
    }

    @Transactional(readOnly = true)
    public List<JobsApi.Transition> transitions(UUID id) {
        job(id);
        return jobs.transitions(id);
    }

    /**
     * A page of an account's jobs, newest first or in creation order when {@code oldestFirst}; the cursor is the
     * id of the last job of the previous page.
     */
    @Transactional(readOnly = true)
    public Page list(UUID accountId, String status, UUID cursor, int limit, boolean oldestFirst) {
        JobStatus wanted = parseStatus(status);
        Job after = cursor == null ? null : jobs.find(cursor).filter(j -> j.accountId().equals(accountId))
                .orElseThrow(() -> new JobsException.InvalidJobRequest("unknown cursor"));
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        List<Job> rows = jobs.listForAccount(accountId, wanted, after, size + 1, oldestFirst);
        boolean more = rows.size() > size;
        List<Job> page = more ? rows.subList(0, size) : rows;
        return new Page(page, more ? page.get(size - 1).id() : null);
    }

    private static JobStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return JobStatus.fromWireName(status);
        } catch (IllegalArgumentException e) {
            throw new JobsException.InvalidJobRequest("status must be one of queued, running, succeeded, failed, cancelled");
        }
    }

    public record Page(List<Job> jobs, UUID nextCursor) {
    }
}
