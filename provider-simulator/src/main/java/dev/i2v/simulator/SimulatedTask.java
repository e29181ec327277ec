package dev.i2v.simulator;

import java.time.Duration;
import java.time.Instant;

/** One task at a simulated provider; its state follows from the time (guarded by its simulator). */
final class SimulatedTask {

    /** Where a task is, in the simulator's own words; each provider names these its own way. */
    enum Phase { WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    final String id;
    final String account;
    final String prompt;
    final String callbackUrl;
    final Instant createdAt;
    /** The provider's failure code when the task is to fail, else null. */
    final String failure;
    Instant startedAt;
    Instant finishesAt;
    boolean cancelled;
    boolean billed;
    boolean deleted;
    Phase reported;

    SimulatedTask(String id, String account, String prompt, String callbackUrl, Instant createdAt, String failure) {
        this.id = id;
        this.account = account;
        this.prompt = prompt;
        this.callbackUrl = callbackUrl;
        this.createdAt = createdAt;
        this.failure = failure;
    }

    Phase phase(Instant now) {
        if (cancelled) {
            return Phase.CANCELLED;
        }
        if (startedAt == null) {
            return Phase.WAITING;
        }
        if (now.isBefore(finishesAt)) {
            return Phase.RUNNING;
        }
        return failure == null ? Phase.SUCCEEDED : Phase.FAILED;
    }

    /** 0–1 while running. */
    double progress(Instant now) {
        if (startedAt == null) {
            return 0;
        }
        long total = Duration.between(startedAt, finishesAt).toMillis();
        long done = Duration.between(startedAt, now).toMillis();
        return total <= 0 ? 1 : Math.min(1, Math.max(0, done / (double) total));
    }

    boolean open(Instant now) {
        Phase phase = phase(now);
        return phase == Phase.WAITING || phase == Phase.RUNNING;
    }
}
