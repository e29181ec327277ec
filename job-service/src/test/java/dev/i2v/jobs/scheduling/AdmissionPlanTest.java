package dev.i2v.jobs.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.Lane;

/** The admission order: accounts take turns inside a lane, within their parallel limit and the lane's room. */
class AdmissionPlanTest {

    private static final UUID BIG = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void anAccountWithAThousandWaitingJobsDelaysAnothersNextJobByOneTurn() {
        List<AdmissionPlan.Waiting> waiting = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            waiting.add(job(BIG, Lane.STANDARD, null));
        }
        List<UUID> small = new ArrayList<>();
        for (int a = 0; a < 10; a++) {
            UUID account = new UUID(1, a);
            for (int i = 0; i < 3; i++) {
                waiting.add(job(account, Lane.STANDARD, 3));
            }
            small.add(account);
        }

        List<UUID> order = AdmissionPlan.plan(waiting, Map.of(), Map.of(), Map.of(Lane.STANDARD, 40));

        assertThat(order).hasSize(40);
        // each turn: one job of the big account, then one of each small account
        List<UUID> firstTurn = order.subList(0, 11).stream().map(id -> accountOf(waiting, id)).toList();
        assertThat(firstTurn).startsWith(BIG).containsAll(small).doesNotHaveDuplicates();
        assertThat(order.subList(0, 33).stream().filter(id -> accountOf(waiting, id).equals(BIG))).hasSize(3);
    }

    @Test
    void anAccountAtItsParallelLimitWaitsAndTheOthersGoOn() {
        UUID full = new UUID(2, 1);
        UUID free = new UUID(2, 2);
        List<AdmissionPlan.Waiting> waiting = List.of(job(full, Lane.STANDARD, 3), job(full, Lane.STANDARD, 3),
                job(free, Lane.STANDARD, 3), job(free, Lane.STANDARD, 3));

        List<UUID> order = AdmissionPlan.plan(waiting, Map.of(full, 2), Map.of(), Map.of(Lane.STANDARD, 10));

        assertThat(order).containsExactly(waiting.get(0).jobId(), waiting.get(2).jobId(), waiting.get(3).jobId())
                .as("the full account's second job waits for one of its three to end");
    }

    @Test
    void theAccountServedLongestAgoGoesFirstAndEachLaneHasItsOwnRoom() {
        UUID recent = new UUID(3, 1);
        UUID earlier = new UUID(3, 2);
        AdmissionPlan.Waiting recentJob = job(recent, Lane.PRIORITY, null);
        AdmissionPlan.Waiting earlierJob = job(earlier, Lane.PRIORITY, null);
        AdmissionPlan.Waiting standard = job(recent, Lane.STANDARD, null);
        AdmissionPlan.Waiting relaxed = job(earlier, Lane.RELAXED, null);

        List<UUID> order = AdmissionPlan.plan(List.of(recentJob, earlierJob, standard, relaxed), Map.of(),
                Map.of(recent, T0.plusSeconds(5), earlier, T0), AdmissionPlan.roomPerLane(2, Map.of(Lane.RELAXED, 2)));

        assertThat(order).containsExactly(earlierJob.jobId(), recentJob.jobId(), standard.jobId())
                .as("the relaxed lane's window is full of unclaimed jobs");
    }

    @Test
    void relaxedJobsNeitherWaitForNorTakeTheParallelLimit() {
        UUID account = new UUID(4, 1);
        AdmissionPlan.Waiting standard = job(account, Lane.STANDARD, 1);
        AdmissionPlan.Waiting relaxed = job(account, Lane.RELAXED, 1);
        AdmissionPlan.Waiting secondStandard = job(account, Lane.STANDARD, 1);

        List<UUID> order = AdmissionPlan.plan(List.of(standard, relaxed, secondStandard), Map.of(account, 0),
                Map.of(), AdmissionPlan.roomPerLane(10, Map.of()));

        assertThat(order).containsExactly(standard.jobId(), relaxed.jobId())
                .as("the second standard job waits for the first; the relaxed one does not");
    }

    @Test
    void aModelAtItsRoutesBudgetWaitsAndTheAccountsTurnGoesToItsNextJobThatCanStart() {
        UUID a = new UUID(2, 1);
        UUID b = new UUID(2, 2);
        AdmissionPlan.Waiting aGen4 = model(a, "gen4");
        AdmissionPlan.Waiting aGen4Again = model(a, "gen4");
        AdmissionPlan.Waiting aHailuo = model(a, "hailuo-02");
        AdmissionPlan.Waiting bGen4 = model(b, "gen4");
        AdmissionPlan.Waiting bGen4Again = model(b, "gen4");

        List<UUID> order = AdmissionPlan.plan(List.of(aGen4, aGen4Again, bGen4, aHailuo, bGen4Again), Map.of(),
                Map.of(), Map.of(Lane.STANDARD, 10), Map.of("gen4", 2));

        assertThat(order).as("gen4's routes take 2 more; hailuo-02 has no budget")
                .containsExactly(aGen4.jobId(), bGen4.jobId(), aHailuo.jobId());
    }

    @Test
    void aPlansWeightIsHowManyOfItsJobsStartInEachTurn() {
        UUID pro = new UUID(3, 4);
        UUID free = new UUID(3, 1);
        List<AdmissionPlan.Waiting> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(new AdmissionPlan.Waiting(UUID.randomUUID(), free, Lane.STANDARD, null, null, 1));
            waiting.add(new AdmissionPlan.Waiting(UUID.randomUUID(), pro, Lane.STANDARD, null, null, 4));
        }

        List<UUID> order = AdmissionPlan.plan(waiting, Map.of(), Map.of(), Map.of(Lane.STANDARD, 10));

        assertThat(order.stream().map(job -> pro.equals(accountOf(waiting, job)) ? "P" : "F").toList())
                .as("four of the weight-4 account's jobs to one of the weight-1 account's, turn after turn")
                .containsExactly("F", "P", "P", "P", "P", "F", "P", "P", "P", "P");
    }

    private static AdmissionPlan.Waiting job(UUID account, Lane lane, Integer limit) {
        return new AdmissionPlan.Waiting(UUID.randomUUID(), account, lane, limit);
    }

    private static AdmissionPlan.Waiting model(UUID account, String model) {
        return new AdmissionPlan.Waiting(UUID.randomUUID(), account, Lane.STANDARD, null, model);
    }

    private static UUID accountOf(List<AdmissionPlan.Waiting> waiting, UUID job) {
        return waiting.stream().filter(w -> w.jobId().equals(job)).findFirst().orElseThrow().accountId();
    }
}
