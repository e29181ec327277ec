package dev.i2v.worker.dispatch;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.api.JobsApi;

/**
 * The jobs this worker has claimed and runs now, each with its lease and its work: what the heartbeat renews, what
 * a cancellation heard on Kafka or a lost lease stops, and what a drain hands back.
 */
@Component
class ClaimedJobs {

    /** One claimed job; {@code remote} when it waits for a hosted model rather than using a CPU slot. */
    record Claimed(JobsApi.Lease lease, Future<?> work, boolean remote) {
    }

    private final Map<UUID, Claimed> claimed = new ConcurrentHashMap<>();
    private final AtomicInteger remote = new AtomicInteger();

    void add(Claimed job) {
        if (claimed.put(job.lease().jobId(), job) == null && job.remote()) {
            remote.incrementAndGet();
        }
    }

    /** Forgets the job once its work is over; only the claim given (a newer claim of the same job stays). */
    void remove(Claimed job) {
        if (claimed.remove(job.lease().jobId(), job) && job.remote()) {
            remote.decrementAndGet();
        }
    }

    /** Whether the job runs here. */
    boolean runs(UUID job) {
        return claimed.containsKey(job);
    }

    /** Interrupts the job's work if it runs here. @return whether it did */
    boolean stop(UUID job) {
        Claimed found = claimed.get(job);
        return found != null && found.work().cancel(true);
    }

    List<JobsApi.Lease> leases() {
        return claimed.values().stream().map(Claimed::lease).toList();
    }

    Collection<Claimed> all() {
        return List.copyOf(claimed.values());
    }

    Claimed find(UUID job) {
        return claimed.get(job);
    }

    int size() {
        return claimed.size();
    }

    int remote() {
        return remote.get();
    }
}
