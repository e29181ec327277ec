package dev.i2v.bench;

import java.time.Duration;
import java.util.Collection;

import dev.i2v.localstack.StackDatabase;

/** Reads jobs and points straight from the stack's database: what the checks after a run rely on. */
final class JobChecks {

    private final StackDatabase db;

    JobChecks(StackDatabase db) {
        this.db = db;
    }

    /** Waits until every one of these jobs is finished, or the timeout passes; returns how many are finished. */
    long awaitTerminal(Collection<String> ids, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long terminal;
        while ((terminal = terminal(ids)) < ids.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return terminal;
    }

    long terminal(Collection<String> ids) {
        return ids.isEmpty() ? 0 : db.count("select count(*) from jobs.jobs where status in ('succeeded', 'failed', "
                + "'cancelled') and id in (" + in(ids) + ")");
    }

    long succeeded(Collection<String> ids) {
        return ids.isEmpty() ? 0 : db.count("select count(*) from jobs.jobs where status = 'succeeded' and id in (" + in(ids) + ")");
    }

    long running(Collection<String> ids) {
        return ids.isEmpty() ? 0 : db.count("select count(*) from jobs.jobs where status = 'running' and id in (" + in(ids) + ")");
    }

    /** Waits until no hold is open anywhere (settlement follows a job's end through the broker). */
    long awaitNoOpenHolds(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long open;
        while ((open = db.count("select count(*) from credits.holds where status = 'held'")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return open;
    }

    static String in(Collection<String> ids) {
        return "'" + String.join("','", ids) + "'";
    }
}
