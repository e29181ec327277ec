package dev.i2v.worker.providers;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.api.JobsApi.ProviderTask;
import dev.i2v.worker.engine.VideoEngine.Attempt;

/**
 * job-service's rules for provider tasks (see {@code ProviderTaskService}, tested against the database in
 * job-service's {@code ProviderTasksIT}) kept in memory, for the engine's unit tests; outages on demand.
 */
final class InMemoryProviderTasks implements ProviderTasks {

    private final Map<String, ProviderTask> tasks = new ConcurrentHashMap<>();
    private final Set<String> over = ConcurrentHashMap.newKeySet();
    private final Set<String> handedOver = ConcurrentHashMap.newKeySet();
    private final Set<String> takenOverInCreate = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unavailableRecords = new AtomicInteger();
    private final Set<String> finds = new HashSet<>();
    private final AtomicInteger slotCalls = new AtomicInteger();
    private final AtomicInteger deniedSlots = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();

    /** Another worker's newer claim takes the attempt over (this one lost its lease). */
    void handOver(Attempt attempt) {
        handedOver.add(key(attempt));
    }

    /**
     * While this worker's create is in flight, it loses its lease and the new owner looks up the attempt's task and
     * finds none: this worker's record is then refused as superseded.
     */
    void takeOverDuringCreate(Attempt attempt) {
        takenOverInCreate.add(key(attempt));
    }

    /** The attempt ends elsewhere (cancelled, deleted, superseded). */
    void end(Attempt attempt) {
        over.add(key(attempt));
    }

    /** The next {@code n} records of live attempts fail as if job-service were down. */
    void failNextRecords(int n) {
        unavailableRecords.set(n);
    }

    Optional<ProviderTask> recorded(Attempt attempt) {
        return Optional.ofNullable(tasks.get(key(attempt)));
    }

    synchronized boolean wasAsked(Attempt attempt) {
        return finds.contains(key(attempt) + "/" + attempt.delivery());
    }

    @Override
    public Optional<ProviderTask> find(Attempt attempt) {
        synchronized (this) {
            finds.add(key(attempt) + "/" + attempt.delivery());
        }
        if (over.contains(key(attempt))) {
            throw new AttemptOver("attempt " + attempt.number() + " is over");
        }
        if (handedOver.contains(key(attempt))) {
            throw new HandedOver("attempt " + attempt.number() + " is another worker's now");
        }
        return recorded(attempt);
    }

    @Override
    public void record(Attempt attempt, String provider, String taskId) {
        if (over.contains(key(attempt))) {
            throw new AttemptOver("attempt " + attempt.number() + " is over");
        }
        if (unavailableRecords.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new Unavailable("job-service is down (test)", null);
        }
        if (takenOverInCreate.contains(key(attempt))) {
            handedOver.add(key(attempt));
            throw new HandedOver("attempt " + attempt.number() + " was taken over by a claim that found no task");
        }
        ProviderTask existing = tasks.putIfAbsent(key(attempt), new ProviderTask(provider, taskId, attempt.delivery()));
        if (existing != null && !existing.taskId().equals(taskId)) {
            throw new AttemptOver("attempt " + attempt.number() + " already has task " + existing.taskId());
        }
    }

    /** The next {@code n} slot requests are told to wait: the route is at its deployment budget. */
    void denySlots(int n) {
        deniedSlots.set(n);
    }

    /** No deployment budget here unless {@link #denySlots}: every route has room (job-service's budgets are tested in its ProviderTasksIT). */
    @Override
    public JobsApi.RouteSlot acquireSlot(Attempt attempt, String route) {
        if (over.contains(key(attempt))) {
            throw new AttemptOver("attempt " + attempt.number() + " is over");
        }
        slotCalls.incrementAndGet();
        if (deniedSlots.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new JobsApi.RouteSlot(false, 100, "max_concurrent");
        }
        return JobsApi.RouteSlot.grant();
    }

    @Override
    public void releaseSlot(Attempt attempt, String route) {
        releases.incrementAndGet();
    }

    int slotCalls() {
        return slotCalls.get();
    }

    int releases() {
        return releases.get();
    }

    private static String key(Attempt attempt) {
        return attempt.jobId() + "#" + attempt.number();
    }
}
