package dev.i2v.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.accounts.CreditsQueryService;
import dev.i2v.credits.accounts.OpenAccountService;
import dev.i2v.credits.accounts.PlanService;
import dev.i2v.credits.grants.GrantService;
import dev.i2v.credits.holds.HoldService;
import dev.i2v.credits.ledger.LedgerAudit;
import dev.i2v.credits.ledger.LedgerQueries;

class GrantsIT extends CreditsITBase {

    @Autowired
    OpenAccountService accounts;
    @Autowired
    CreditsQueryService credits;
    @Autowired
    GrantService grants;
    @Autowired
    PlanService plans;
    @Autowired
    HoldService holds;
    @Autowired
    LedgerQueries ledger;
    @Autowired
    LedgerAudit audit;
    @Autowired
    MutableClock clock;

    @AfterEach
    void ledgerStaysExact() {
        clock.reset();
        assertThat(audit.audit(null).drift()).isEmpty();
    }

    @Test
    void noDailyGrantOnTheSignupDayThenOneADayValidUntilTheDayEnds() {
        UUID account = open("free");
        assertThat(grants.daily(account).granted()).isFalse();
        assertThat(credits.credits(account).nextDailyGrantAt()).isAfter(clock.instant());

        clock.advance(Duration.ofDays(1));
        CreditsApi.DailyGrant first = grants.daily(account);
        CreditsApi.DailyGrant second = grants.daily(account);

        assertThat(first.granted()).isTrue();
        assertThat(first.points()).isEqualTo(100);
        assertThat(second.granted()).isFalse();
        assertThat(credits.credits(account).balance()).isEqualTo(1100);
        assertThat(credits.credits(account).grants()).extracting(CreditsApi.GrantView::kind)
                .containsExactly("daily", "signup");

        clock.advance(Duration.ofDays(1));
        assertThat(credits.credits(account).balance()).isEqualTo(1000);
        assertThat(kinds(account)).startsWith("expiry", "grant");
    }

    @Test
    void twoHundredConcurrentFirstRequestsOfADayGrantOnce() throws Exception {
        UUID account = open("free");
        clock.advance(Duration.ofDays(1));
        List<Callable<Boolean>> calls = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            calls.add(() -> {
                start.await();
                return grants.daily(account).granted();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<Boolean>> results = new ArrayList<>();
        calls.forEach(c -> results.add(pool.submit(c)));
        start.countDown();
        long granted = 0;
        for (Future<Boolean> f : results) {
            granted += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(granted).isEqualTo(1);
        assertThat(credits.credits(account).balance()).isEqualTo(1100);
    }

    @Test
    void spendingTakesTheSoonestExpiringPointsFirst() {
        UUID account = open("free");
        grants.adminGrant(account, 50, "promo", clock.instant().plus(Duration.ofHours(5)), "promo-1");
        grants.adminGrant(account, 50, "gift", clock.instant().plus(Duration.ofHours(2)), "gift-1");

        holds.place(UUID.randomUUID(), account, 60);

        assertThat(credits.credits(account).grants()).extracting(CreditsApi.GrantView::remaining)
                .containsExactly(40L, 1000L); // gift (2 h) spent, promo (5 h) partly, signup untouched
        clock.advance(Duration.ofHours(6));
        assertThat(credits.credits(account).balance()).isEqualTo(1000);
    }

    @Test
    void pointsReleasedAfterTheirGrantExpiredExpireAtOnce() {
        UUID account = open("free");
        grants.adminGrant(account, 30, "short", clock.instant().plus(Duration.ofHours(1)), "short-1");
        UUID job = UUID.randomUUID();
        holds.place(job, account, 30);

        clock.advance(Duration.ofHours(2));
        holds.release(job);

        assertThat(credits.credits(account).balance()).isEqualTo(1000);
        assertThat(kinds(account)).startsWith("expiry", "release", "hold");
    }

    @Test
    void operatorDebitsNeverGoBelowZeroAndAreIdempotent() {
        UUID account = open("free");

        GrantService.AdminGrant first = grants.adminGrant(account, -1500, "abuse", null, "debit-1");
        GrantService.AdminGrant again = grants.adminGrant(account, -1500, "abuse", null, "debit-1");

        assertThat(first.applied()).isEqualTo(-1000);
        assertThat(first.balance()).isZero();
        assertThat(again.fresh()).isFalse();
        assertThat(again.applied()).isEqualTo(-1000);
        assertThat(credits.credits(account).balance()).isZero();
        assertThat(kinds(account)).containsExactly("adjustment", "grant");
    }

    @Test
    void aPaidPlanGivesItsMonthlyGrantOnceAMonthExpiringAtMonthEnd() {
        UUID account = open("free");

        plans.change(account, "standard");
        plans.change(account, "standard");

        CreditsApi.CreditsView view = credits.credits(account);
        assertThat(view.balance()).isEqualTo(2000);
        assertThat(view.concurrency().limit()).isEqualTo(5);
        CreditsApi.GrantView monthly = view.grants().get(0);
        assertThat(monthly.kind()).isEqualTo("monthly");
        assertThat(monthly.expiresAt()).isEqualTo(Instant.parse(
                YearMonth.from(clock.instant().atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1)
                        + "T00:00:00Z"));
    }

    private UUID open(String plan) {
        UUID account = UUID.randomUUID();
        accounts.open(account, plan, null);
        return account;
    }

    private List<String> kinds(UUID account) {
        return ledger.history(account, null, 50).data().stream().map(CreditsApi.LedgerLine::kind).toList();
    }
}
