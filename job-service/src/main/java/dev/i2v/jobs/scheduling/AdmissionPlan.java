package dev.i2v.jobs.scheduling;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.i2v.contracts.Lane;

/**
 * Which waiting jobs one pass admits, and in which order (the order of their dispatch records). Per lane, accounts
 * take turns (round-robin): each turn admits one job of each account that has one waiting and is below its parallel
 * limit, the account served longest ago first; within an account, its oldest job first. A lane admits while it has
 * room in its window (admitted jobs no worker has claimed yet). So an account with 1,000 waiting jobs delays another
 * account's next job by at most one turn — one job of each other account with waiting jobs — plus the window.
 * Relaxed-lane jobs take none of the plan's parallel slots: they neither count against it nor wait for it.
 */
final class AdmissionPlan {

    private AdmissionPlan() {
    }

    /** A job that waits for admission. {@code parallelLimit} null: its account has no limit. */
    record Waiting(UUID jobId, UUID accountId, Lane lane, Integer parallelLimit) {
    }

    /**
     * @param waiting      waiting jobs, oldest first
     * @param busy         per account: its admitted jobs not yet finished (missing: none)
     * @param lastAdmitted per account: when a job of it was last admitted (missing: never)
     * @param room         per lane: how many more may be admitted now (missing: none)
     * @return the jobs to admit, in order
     */
    static List<UUID> plan(List<Waiting> waiting, Map<UUID, Integer> busy, Map<UUID, Instant> lastAdmitted,
                           Map<Lane, Integer> room) {
        Map<UUID, Integer> running = new HashMap<>(busy);
        List<UUID> admitted = new ArrayList<>();
        for (Lane lane : Lane.inStartOrder()) {
            int left = room.getOrDefault(lane, 0);
            Map<UUID, Deque<Waiting>> queues = queuesOf(waiting, lane, lastAdmitted);
            boolean turnAdmitted = true;
            while (left > 0 && turnAdmitted) {
                turnAdmitted = false;
                for (Deque<Waiting> queue : queues.values()) {
                    Waiting next = queue.peekFirst();
                    if (left == 0 || next == null || !belowLimit(next, running)) {
                        continue;
                    }
                    queue.pollFirst();
                    if (lane != Lane.RELAXED) {
                        running.merge(next.accountId(), 1, Integer::sum);
                    }
                    admitted.add(next.jobId());
                    left--;
                    turnAdmitted = true;
                }
            }
        }
        return admitted;
    }

    /** A relaxed job runs on idle capacity and takes none of its plan's parallel slots. */
    private static boolean belowLimit(Waiting job, Map<UUID, Integer> running) {
        return job.lane() == Lane.RELAXED || job.parallelLimit() == null
                || running.getOrDefault(job.accountId(), 0) < job.parallelLimit();
    }

    /** The lane's waiting jobs by account, the accounts in turn order: never served first, then longest ago. */
    private static Map<UUID, Deque<Waiting>> queuesOf(List<Waiting> waiting, Lane lane,
                                                      Map<UUID, Instant> lastAdmitted) {
        Map<UUID, Deque<Waiting>> byAccount = new LinkedHashMap<>(); // first seen = oldest waiting job first
        for (Waiting job : waiting) {
            if (job.lane() == lane) {
                byAccount.computeIfAbsent(job.accountId(), a -> new ArrayDeque<>()).addLast(job);
            }
        }
        List<UUID> order = new ArrayList<>(byAccount.keySet());
        // stable: accounts served at the same instant (or never) keep the order of their oldest waiting job
        order.sort(Comparator.comparing((UUID a) -> lastAdmitted.getOrDefault(a, Instant.MIN)));
        Map<UUID, Deque<Waiting>> ordered = new LinkedHashMap<>();
        order.forEach(a -> ordered.put(a, byAccount.get(a)));
        return ordered;
    }

    static Map<Lane, Integer> roomPerLane(int window, Map<Lane, Integer> unclaimed) {
        Map<Lane, Integer> room = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.inStartOrder()) {
            room.put(lane, Math.max(0, window - unclaimed.getOrDefault(lane, 0)));
        }
        return room;
    }
}
