package dev.i2v.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.accounts.CreditsQueryService;
import dev.i2v.credits.accounts.OpenAccountService;
import dev.i2v.credits.grants.GrantService;
import dev.i2v.credits.holds.HoldService;
import dev.i2v.credits.ledger.LedgerAudit;
import dev.i2v.credits.ledger.LedgerQueries;
import dev.i2v.credits.problems.CreditsException;

/** Replaying an operation, even concurrently, has one effect and gives the same answer. */
class IdempotencyIT extends CreditsITBase {

    @Autowired
    OpenAccountService accounts;
    @Autowired
    CreditsQueryService credits;
    @Autowired
    HoldService holds;
    @Autowired
    GrantService grants;
    @Autowired
    LedgerQueries ledger;
    @Autowired
    LedgerAudit audit;

    @AfterEach
    void ledgerStaysExact() {
        assertThat(audit.audit(null).drift()).isEmpty();
    }

    @Test
    void concurrentReplaysOfAHoldAndItsCaptureHaveOneEffect() throws Exception {
        UUID account = open();
        UUID job = UUID.randomUUID();

        List<CreditsApi.HoldView> placed = Concurrently.run(16, times(40, () -> holds.place(job, account, 30)));
        List<CreditsApi.HoldView> captured = Concurrently.run(16, times(40, () -> holds.capture(job)));

        assertThat(placed).extracting(CreditsApi.HoldView::createdAt).containsOnly(placed.get(0).createdAt());
        assertThat(captured).extracting(CreditsApi.HoldView::resolvedAt).containsOnly(captured.get(0).resolvedAt());
        assertThat(captured).extracting(CreditsApi.HoldView::status).containsOnly("captured");
        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThat(kinds(account)).containsExactly("capture", "hold", "grant");
    }

    @Test
    void concurrentCaptureAndReleaseResolveAHoldExactlyOnce() throws Exception {
        UUID account = open();
        UUID job = UUID.randomUUID();
        holds.place(job, account, 30);
        List<Callable<String>> racing = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            boolean capture = i % 2 == 0;
            racing.add(() -> {
                try {
                    return (capture ? holds.capture(job) : holds.release(job)).status();
                } catch (CreditsException.HoldAlreadyResolved e) {
                    return "refused";
                }
            });
        }

        List<String> outcomes = Concurrently.run(16, racing);

        String winner = outcomes.stream().filter(o -> !o.equals("refused")).findFirst().orElseThrow();
        assertThat(outcomes).containsOnly(winner, "refused");
        assertThat(kinds(account).get(0)).isEqualTo(winner.equals("captured") ? "capture" : "release");
        assertThat(kinds(account)).hasSize(3);
        assertThat(credits.credits(account).concurrency().active()).isZero();
    }

    @Test
    void theSameJobWithAnotherAmountOrAccountIsAConflict() {
        UUID account = open();
        UUID other = open();
        UUID job = UUID.randomUUID();
        holds.place(job, account, 30);

        assertThat(codeOf(() -> holds.place(job, account, 31))).isEqualTo("hold_conflict");
        assertThat(codeOf(() -> holds.place(job, other, 30))).isEqualTo("hold_conflict");
        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThat(credits.credits(other).balance()).isEqualTo(1000);
    }

    @Test
    void concurrentReplaysOfAnOperatorGrantGiveOnce() throws Exception {
        UUID account = open();

        List<GrantService.AdminGrant> results = Concurrently.run(16,
                times(40, () -> grants.adminGrant(account, 250, "support", null, "ticket-42")));

        assertThat(results).filteredOn(GrantService.AdminGrant::fresh).hasSize(1);
        assertThat(results).extracting(GrantService.AdminGrant::applied).containsOnly(250L);
        assertThat(credits.credits(account).balance()).isEqualTo(1250);
    }

    private static <T> List<Callable<T>> times(int n, Callable<T> call) {
        List<Callable<T>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call);
        }
        return calls;
    }

    private static String codeOf(Runnable call) {
        try {
            call.run();
            return "none";
        } catch (CreditsException e) {
            return e.code();
        }
    }

    private UUID open() {
        UUID account = UUID.randomUUID();
        accounts.open(account, "free", null);
        return account;
    }

    private List<String> kinds(UUID account) {
        return ledger.history(account, null, 50).data().stream().map(CreditsApi.LedgerLine::kind).toList();
    }
}
