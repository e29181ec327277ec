package dev.i2v.jobs.scheduling;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
 * take turns (weighted round-robin): a turn of an account is its plan's weight of admissions, and the next admission
 * goes to the account whose last turn was used up longest ago — the one whose weight-th newest admission is oldest
 * (an account with fewer admissions than its weight has a turn to finish and goes first; ties: the oldest waiting
 * job). Counted from the admissions themselves, turns carry across passes and replicas: weights 3 and 1 admit
 * {@code A A A B A A A B}. Within an account, its oldest job first. A lane admits while it has room in its window
 * (admitted jobs no worker has claimed yet). So an account with 1,000 waiting jobs delays another account's next job
 * by at most one turn — the weights of the other accounts with waiting jobs — plus the window.
 * Relaxed-lane jobs take none of the plan's parallel slots: they neither count against it nor wait for it.
 * A job whose model's routes are at their deployment budget waits in job-service (not in a worker) and keeps its
 * place; its account's turn goes to its oldest job that can start.
 */
final class AdmissionPlan {

    private AdmissionPlan() {
    }

    /**
     * A job that waits for admission. {@code parallelLimit} null: its account has no limit; {@code model} null: its
     * model has no route budget to wait for; {@code weight}: how many of its account's jobs may start in one turn.
     */
    record Waiting(UUID jobId, UUID accountId, Lane lane, Integer parallelLimit, String model, int weight) {

        Waiting(UUID jobId, UUID accountId, Lane lane, Integer parallelLimit) {
            this(jobId, accountId, lane, parallelLimit, null, 1);
        }

        Waiting(UUID jobId, UUID accountId, Lane lane, Integer parallelLimit, String model) {
            this(jobId, accountId, lane, parallelLimit, model, 1);
        }
    }

    /** {@link #plan(List, Map, Map, Map, Map)} with each account's last admission only, and no route budgets. */
    static List<UUID> plan(List<Waiting> waiting, Map<UUID, Integer> busy, Map<UUID, Instant> lastAdmitted,
                           Map<Lane, Integer> room) {
        Map<UUID, List<Instant>> newest = new HashMap<>();
        lastAdmitted.forEach((account, at) -> newest.put(account, List.of(at)));
        return plan(waiting, busy, newest, room, Map.of());
    }

    /**
     * @param waiting    waiting jobs, oldest first
     * @param busy       per account: its admitted jobs not yet finished (missing: none)
     * @param newest     per account: its newest admissions, newest first, at least as many as its weight where it
     *                   has had them (missing: none)
     * @param room       per lane: how many more may be admitted now (missing: none)
     * @param modelRoom  per model with a route budget: how many more of its jobs its routes take now (missing: no
     *                   budget); a job of a model without room is passed over for the account's next one
     * @return the jobs to admit, in order
     */
    static List<UUID> plan(List<Waiting> waiting, Map<UUID, Integer> busy, Map<UUID, List<Instant>> newest,
                           Map<Lane, Integer> room, Map<String, Integer> modelRoom) {
        Map<UUID, Integer> running = new HashMap<>(busy);
        Map<String, Integer> models = new HashMap<>(modelRoom);
        Map<UUID, List<Instant>> admissions = new HashMap<>();
        newest.forEach((account, times) -> admissions.put(account, new ArrayList<>(times)));
        List<UUID> admitted = new ArrayList<>();
        for (Lane lane : Lane.inStartOrder()) {
            int left = room.getOrDefault(lane, 0);
            Map<UUID, Deque<Waiting>> queues = queuesOf(waiting, lane);
            List<UUID> candidates = new ArrayList<>(queues.keySet()); // oldest waiting job first: the tie-break
            while (left > 0 && !candidates.isEmpty()) {
                UUID account = nextTurn(candidates, queues, admissions);
                Deque<Waiting> queue = queues.get(account);
                Waiting next = belowLimit(queue.peekFirst(), running) ? takeFirstWithRoom(queue, models) : null;
                if (next == null) {
                    candidates.remove(account); // at its parallel limit, or no job of it has a route with room
                    continue;
                }
                if (lane != Lane.RELAXED) {
                    running.merge(account, 1, Integer::sum);
                }
                if (next.model() != null && models.containsKey(next.model())) {
                    models.merge(next.model(), -1, Integer::sum);
                }
                admissions.computeIfAbsent(account, a -> new ArrayList<>())
                        .addFirst(PLANNED.plusNanos(admitted.size()));
                admitted.add(next.jobId());
                left--;
                if (queue.isEmpty()) {
                    candidates.remove(account);
                }
            }
        }
        return admitted;
    }

    /** Later than any real admission: what a job planned in this pass counts as. */
    private static final Instant PLANNED = Instant.parse("9000-01-01T00:00:00Z");

    /**
     * The account whose turn was used up longest ago: the one whose weight-th newest admission is oldest (one that
     * has had fewer admissions than its weight has a turn to finish and goes first); ties to the oldest waiting job.
     */
    private static UUID nextTurn(List<UUID> candidates, Map<UUID, Deque<Waiting>> queues,
                                 Map<UUID, List<Instant>> admissions) {
        UUID best = null;
        Instant bestUsed = null;
        for (UUID account : candidates) {
            int weight = Math.max(1, queues.get(account).peekFirst().weight());
            List<Instant> times = admissions.getOrDefault(account, List.of());
            Instant used = times.size() >= weight ? times.get(weight - 1) : Instant.MIN;
            if (best == null || used.isBefore(bestUsed)) {
                best = account;
                bestUsed = used;
            }
        }
        return best;
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

    /** The lane's waiting jobs by account, the accounts in the order of their oldest waiting job. */
    private static Map<UUID, Deque<Waiting>> queuesOf(List<Waiting> waiting, Lane lane) {
        Map<UUID, Deque<Waiting>> byAccount = new LinkedHashMap<>();
        for (Waiting job : waiting) {
            if (job.lane() == lane) {
                byAccount.computeIfAbsent(job.accountId(), a -> new ArrayDeque<>()).addLast(job);
            }
        }
        return byAccount;
    }

    /** Per account of the waiting jobs: its plan's weight (the largest its jobs carry, should its plan change). */
    static Map<UUID, Integer> weights(List<Waiting> waiting) {
        Map<UUID, Integer> weights = new HashMap<>();
        waiting.forEach(w -> weights.merge(w.accountId(), Math.max(1, w.weight()), Math::max));
        return weights;
    }

    static Map<Lane, Integer> roomPerLane(int window, Map<Lane, Integer> unclaimed) {
        Map<Lane, Integer> room = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.inStartOrder()) {
            room.put(lane, Math.max(0, window - unclaimed.getOrDefault(lane, 0)));
        }
        return room;
    }
}
