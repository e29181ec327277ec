package dev.i2v.kit;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a pass over some backlog (an outbox, a queue) one at a time: on a timer and whenever a commit nudges it. A
 * nudge while a pass runs makes that pass look once more instead of starting another; many nudges before a pass
 * starts cost one pass. A failed pass is logged and left to the next one.
 */
public final class CoalescingPasses implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CoalescingPasses.class);

    private final String name;
    private final Runnable pass;
    private final ReentrantLock passing;
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean nudgeQueued = new AtomicBoolean();
    private final ExecutorService nudges;

    /** @param name what the passes do, for the nudge thread's name and the log */
    public CoalescingPasses(String name, Runnable pass) {
        this(name, pass, new ReentrantLock());
    }

    /** With the lock that keeps passes one at a time given: tests step into its unlock. */
    CoalescingPasses(String name, Runnable pass, ReentrantLock passing) {
        this.passing = passing;
        this.name = name;
        this.pass = pass;
        this.nudges = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name + "-nudge");
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a pass now, on the nudge thread; coalesces with one already queued or running. */
    public void nudge() {
        again.set(true);
        if (nudgeQueued.compareAndSet(false, true)) {
            try {
                nudges.execute(() -> {
                    nudgeQueued.set(false);
                    run();
                });
            } catch (RejectedExecutionException e) {
                // shutting down: the timer's pass after the next start catches up
            }
        }
    }

    /** Runs passes until none was asked for during the last; returns at once if a pass runs (it looks again). */
    public void run() {
        // asked before trying the lock: a holder that already looked for the last time sees it after its unlock
        // (a request that found the lock held in that gap used to wait for the timer: up to an interval)
        again.set(true);
        while (again.get() && passing.tryLock()) {
            try {
                while (again.getAndSet(false)) {
                    pass.run();
                }
            } catch (RuntimeException e) {
                log.warn("{} pass failed, will retry: {}", name, e.toString());
                return;
            } finally {
                passing.unlock();
            }
        }
    }

    @Override
    public void close() {
        nudges.shutdownNow();
    }
}
