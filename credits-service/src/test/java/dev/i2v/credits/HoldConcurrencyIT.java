package dev.i2v.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.accounts.CreditsQueryService;
import dev.i2v.credits.accounts.OpenAccountService;
import dev.i2v.credits.holds.HoldService;
import dev.i2v.credits.ledger.LedgerAudit;
import dev.i2v.credits.problems.CreditsException;

/** Races between balance checks and charges, on real PostgreSQL: the plan's slots and the balance hold. */
class HoldConcurrencyIT extends CreditsITBase {

    @Autowired
    OpenAccountService accounts;
    @Autowired
    CreditsQueryService credits;
    @Autowired
    HoldService holds;
    @Autowired
    LedgerAudit audit;

    @Test
    void aThousandConcurrentHoldsOnOneFreeAccountTakeExactlyItsThreeSlotsRoundAfterRound() throws Exception {
        UUID account = UUID.randomUUID();
        accounts.open(account, "free", null);
        for (int round = 0; round < 3; round++) {
            List<Outcome> outcomes = Concurrently.run(64, holdAttempts(account, 1000, 30));
            List<UUID> placed = outcomes.stream().filter(o -> o.code() == null).map(Outcome::job).toList();

            assertThat(placed).hasSize(3);
            assertThat(outcomes).filteredOn(o -> o.code() != null)
                    .allSatisfy(o -> assertThat(o.code()).isEqualTo("concurrency_limit"));
            CreditsApi.CreditsView view = credits.credits(account);
            assertThat(view.concurrency().active()).isEqualTo(3);
            assertThat(view.balance()).isEqualTo(1000 - 30L * (round + 3));
            // settle the round: one success is charged, two failures are released
            holds.capture(placed.get(0));
            holds.release(placed.get(1));
            holds.release(placed.get(2));
            assertThat(credits.credits(account).concurrency().active()).isZero();
        }
        assertThat(credits.credits(account).balance()).isEqualTo(1000 - 3 * 30);
        assertThat(audit.audit(account).drift()).isEmpty();
    }

    @Test
    void aHundredAccountsWithFiftyConcurrentHoldsEachKeepTheirLimits() throws Exception {
        List<UUID> all = new ArrayList<>();
        List<Callable<Outcome>> attempts = new ArrayList<>();
        for (int a = 0; a < 100; a++) {
            UUID account = UUID.randomUUID();
            accounts.open(account, "free", null);
            all.add(account);
            attempts.addAll(holdAttempts(account, 50, 400)); // only two holds of 400 fit into 1,000 points
        }
        Collections.shuffle(attempts);

        List<Outcome> outcomes = Concurrently.run(64, attempts);

        Map<UUID, List<Outcome>> byAccount = outcomes.stream().collect(Collectors.groupingBy(Outcome::account));
        for (UUID account : all) {
            List<Outcome> mine = byAccount.get(account);
            assertThat(mine).filteredOn(o -> o.code() == null).hasSize(2);
            assertThat(mine).filteredOn(o -> o.code() != null).extracting(Outcome::code)
                    .containsOnly("insufficient_credits"); // points run out before the third slot
            CreditsApi.CreditsView view = credits.credits(account);
            assertThat(view.balance()).isEqualTo(200);
            assertThat(view.concurrency().active()).isEqualTo(2);
        }
        assertThat(audit.audit(null).drift()).isEmpty();
    }

    private List<Callable<Outcome>> holdAttempts(UUID account, int count, long amount) {
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID job = UUID.randomUUID();
            calls.add(() -> {
                try {
                    holds.place(job, account, amount);
                    return new Outcome(account, job, null);
                } catch (CreditsException e) {
                    return new Outcome(account, job, e.code());
                }
            });
        }
        return calls;
    }

    record Outcome(UUID account, UUID job, String code) {
    }
}
