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
 * A job whose model's routes are at their deployment budget waits in job-service (not in a worker) and keeps its
 * place; its account's turn goes to its oldest job that can start.
 */
final class AdmissionPlan {

    private AdmissionPlan() {
    }

    /**
     * A job that waits for admission. {@code parallelLimit} null: its account has no limit; {@code model} null: its
     * model has no route budget to wait for.
     */
    record Waiting(UUID jobId, UUID accountId, Lane lane, Integer parallelLimit, String model) {

        Waiting(UUID jobId, UUID accountId, Lane lane, Integer parallelLimit) {
            this(jobId, accountId, lane, parallelLimit, null);
        }
    }

    /** {@link #plan(List, Map, Map, Map, Map)} with no model waiting for its routes' budget. */
    static List<UUID> plan(List<Waiting> waiting, Map<UUID, Integer> busy, Map<UUID, Instant> lastAdmitted,
                           Map<Lane, Integer> room) {
        return plan(waiting, busy, lastAdmitted, room, Map.of());
    }

    /**
     * @param waiting      waiting jobs, oldest first
     * @param busy         per account: its admitted jobs not yet finished (missing: none)
     * @param lastAdmitted per account: when a job of it was last admitted (missing: never)
     * @param room         per lane: how many more may be admitted now (missing: none)
     * @param modelRoom    per model with a route budget: how many more of its jobs its routes take now (missing: no
     *                     budget); a job of a model without room is passed over for the account's next one
     * @return the jobs to admit, in order
     */
    static List<UUID> plan(List<Waiting> waiting, Map<UUID, Integer> busy, Map<UUID, Instant> lastAdmitted,
                           Map<Lane, Integer> room, Map<String, Integer> modelRoom) {
        Map<UUID, Integer> running = new HashMap<>(busy);
        Map<String, Integer> models = new HashMap<>(modelRoom);
        List<UUID> admitted = new ArrayList<>();
        for (Lane lane : Lane.inStartOrder()) {
            int left = room.getOrDefault(lane, 0);
            Map<UUID, Deque<Waiting>> queues = queuesOf(waiting, lane, lastAdmitted);
            boolean turnAdmitted = true;
            while (left > 0 && turnAdmitted) {
                turnAdmitted = false;
                for (Deque<Waiting> queue : queues.values()) {
                    if (left == 0 || queue.isEmpty() || !belowLimit(queue.peekFirst(), running)) {
                        continue;
                    }
                    Waiting next = takeFirstWithRoom(queue, models);
                    if (next == null) {
                        continue;
                    }
                    if (lane != Lane.RELAXED) {
                        running.merge(next.accountId(), 1, Integer::sum);
                    }
                    if (next.model() != null && models.containsKey(next.model())) {
                        models.merge(next.model(), -1, Integer::sum);
                    }
                    admitted.add(next.jobId());
                    left--;
                    turnAdmitted = true;
                }
            }
        }
        return admitted;
    }

    /** The account's oldest job whose model's routes have room, taken out of its queue; null when none has. */
    private static Waiting takeFirstWithRoom(Deque<Waiting> queue, Map<String, Integer> models) {
        for (var it = queue.iterator(); it.hasNext(); ) {
            Waiting job = it.next();
            if (job.model() == null || models.getOrDefault(job.model(), 1) > 0) {
                it.remove();
                return job;
            }
        }
        return null;
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
