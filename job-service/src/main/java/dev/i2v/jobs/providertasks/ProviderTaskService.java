package dev.i2v.jobs.providertasks;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.JobsApi.ProviderTask;
import dev.i2v.jobs.problems.JobsException;

/**
 * Records and reads the provider task of a live attempt. Only a live attempt (its job queued or running, not
 * deleted, no newer attempt) is answered, so a worker holding a cancelled, deleted or superseded attempt learns it
 * before it calls a provider, and one that created a task anyway learns that it must cancel it.
 */
@Service
public class ProviderTaskService {

    private static final Logger log = LoggerFactory.getLogger(ProviderTaskService.class);

    private final ProviderTaskRepository tasks;

    ProviderTaskService(ProviderTaskRepository tasks) {
        this.tasks = tasks;
    }

    /**
     * @param delivery the asking worker's claim; when given, a claim that lost its lease to a newer one is told so
     *                 ({@code delivery_superseded}): it never creates a task the new owner may create too, and never
     *                 cancels the task the new owner resumes
     */
    @Transactional(readOnly = true)
    public ProviderTask find(UUID jobId, int attempt, Integer delivery) {
        ProviderTaskRepository.AttemptRow row = tasks.find(jobId, false)
                .orElseThrow(() -> new JobsException.JobNotFound(jobId));
        if (!row.isLive(attempt)) {
            throw new JobsException.AttemptNotLive(jobId, attempt);
        }
        if (!row.isLive(attempt, delivery)) {
            throw new JobsException.DeliverySuperseded(jobId, attempt, row.delivery());
        }
        return row.hasTaskOf(attempt) ? new ProviderTask(row.provider(), row.taskId(), row.taskDelivery())
                : ProviderTask.none();
    }

    /**
     * Idempotent for the same task; a different one for the same attempt is refused and the first one kept.
     *
     * @return the attempt's task as recorded (the first recording's, for a repeat)
     */
    @Transactional
    public ProviderTask record(UUID jobId, int attempt, ProviderTask task) {
        if (task.provider() == null || task.provider().isBlank() || task.taskId() == null || task.taskId().isBlank()) {
            throw new JobsException.InvalidJobRequest("provider and task_id are required");
        }
        ProviderTaskRepository.AttemptRow row = tasks.find(jobId, true)
                .orElseThrow(() -> new JobsException.JobNotFound(jobId));
        if (!row.isLive(attempt)) {
            throw new JobsException.AttemptNotLive(jobId, attempt);
        }
        if (row.hasTaskOf(attempt)) {
            if (row.taskId().equals(task.taskId()) && row.provider().equals(task.provider())) {
                return new ProviderTask(row.provider(), row.taskId(), row.taskDelivery());
            }
            log.error("job {} attempt {}: a second provider task {} {} was created beside {} {}; the first is kept",
                    jobId, attempt, task.provider(), task.taskId(), row.provider(), row.taskId());
            throw new JobsException.ProviderTaskExists(jobId, attempt, row.provider() + " " + row.taskId());
        }
        tasks.record(jobId, attempt, task.provider(), task.taskId(), task.delivery());
        return task;
    }
}
