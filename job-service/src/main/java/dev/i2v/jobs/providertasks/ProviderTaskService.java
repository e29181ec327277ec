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
    private final RouteBudgetRepository budgets;

    ProviderTaskService(ProviderTaskRepository tasks, RouteBudgetRepository budgets) {
        this.tasks = tasks;
        this.budgets = budgets;
    }

    /**
     * @param delivery the asking worker's claim; when given, a claim that lost its lease to a newer one is told so
     *                 ({@code delivery_superseded}): it never creates a task the new owner may create too, and never
     *                 cancels the task the new owner resumes. A claim told "none" is noted: it may create a task now,
     *                 so an older claim's late record is refused from then on (see {@link #record}).
     */
    @Transactional
    public ProviderTask find(UUID jobId, int attempt, Integer delivery) {
        // locked when a claim asks, so an older claim's record and this lookup are ordered one way or the other
        ProviderTaskRepository.AttemptRow row = tasks.find(jobId, delivery != null)
                .orElseThrow(() -> new JobsException.JobNotFound(jobId));
        row.checkLive(jobId, attempt, delivery);
        if (row.hasTaskOf(attempt)) {
            return new ProviderTask(row.provider(), row.taskId(), row.taskDelivery());
        }
        if (delivery != null) {
            tasks.lookedUp(jobId, attempt, delivery);
        }
        return ProviderTask.none();
    }

    /**
     * Idempotent for the same task; a different one for the same attempt is refused and the first one kept. A claim
     * that lost its lease may still record the task it created — the new owner then resumes it — unless a newer claim
     * already looked up "no task" and may be creating its own: then it is told {@code delivery_superseded} and
     * cancels its task, so the attempt never has two.
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
        if (row.hasTaskOf(attempt) && row.taskId().equals(task.taskId()) && row.provider().equals(task.provider())) {
            return new ProviderTask(row.provider(), row.taskId(), row.taskDelivery());
        }
        boolean superseded = !row.isLive(attempt, task.delivery());
        if (superseded && (row.hasTaskOf(attempt) || row.lookedUpAfter(attempt, task.delivery()))) {
            log.warn("job {} attempt {}: delivery {} recorded {} {} after delivery {} took the attempt over; refused, "
                    + "its worker cancels it", jobId, attempt, task.delivery(), task.provider(), task.taskId(),
                    row.delivery());
            throw new JobsException.DeliverySuperseded(jobId, attempt, row.delivery());
        }
        if (row.hasTaskOf(attempt)) {
            log.error("job {} attempt {}: a second provider task {} {} was created beside {} {}; the first is kept",
                    jobId, attempt, task.provider(), task.taskId(), row.provider(), row.taskId());
            throw new JobsException.ProviderTaskExists(jobId, attempt, row.provider() + " " + row.taskId());
        }
        tasks.record(jobId, attempt, task.provider(), task.taskId(), task.delivery());
        budgets.answered(task.provider(), jobId, attempt); // the provider is the route the create was granted on
        return task;
    }
}
