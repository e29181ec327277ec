package dev.i2v.worker.dispatch;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

import org.springframework.stereotype.Component;

/** The jobs this worker is running now, so that a cancellation heard on Kafka can stop one. */
@Component
class RunningJobs {

    private final Map<UUID, Future<?>> running = new ConcurrentHashMap<>();

    void add(UUID job, Future<?> work) {
        running.put(job, work);
    }

    void remove(UUID job) {
        running.remove(job);
    }

    /** Interrupts the job's work if it runs here. @return whether it did */
    boolean stop(UUID job) {
        Future<?> work = running.get(job);
        return work != null && work.cancel(true);
    }

    int size() {
        return running.size();
    }
}
