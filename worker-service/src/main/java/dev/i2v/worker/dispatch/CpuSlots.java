package dev.i2v.worker.dispatch;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.i2v.worker.WorkerProperties;
import dev.i2v.worker.engine.EngineException;

/**
 * The worker's CPU-bound work at once ({@code i2v.worker.slots}): a local render holds a slot for its whole run,
 * a hosted job only while its result is watermarked and stored; a hosted job's wait for its provider holds none.
 * A suspect job (an earlier claim of it ended without an outcome) takes every slot, so it runs alone and a job that
 * crashes its worker takes no innocent neighbour with it. Fair, so a suspect waiting for all slots is not starved.
 */
@Component
class CpuSlots {

    private final int slots;
    private final Semaphore permits;

    CpuSlots(WorkerProperties properties) {
        this.slots = properties.slots();
        this.permits = new Semaphore(slots, true);
    }

    /** One slot if one is free now (the dispatcher, before it claims a local job). */
    boolean tryTake() {
        try {
            // the timed form honours fairness (the untimed one barges past a suspect waiting for every slot)
            return permits.tryAcquire(0, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The rest of the slots for a suspect job that holds one already; waits for them. */
    void takeRest() throws InterruptedException {
        permits.acquire(slots - 1);
    }

    void give(int count) {
        permits.release(count);
    }

    int size() {
        return slots;
    }

    /** Runs CPU-bound work of a job that holds no slot, in one. */
    <T> T during(Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("stopped", "stopped while waiting for a CPU slot", true, e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
