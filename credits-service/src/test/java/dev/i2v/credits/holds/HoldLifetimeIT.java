package dev.i2v.credits.holds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.i2v.credits.CreditsITBase;
import dev.i2v.credits.JobServiceStandIn;
import dev.i2v.credits.MutableClock;
import dev.i2v.credits.accounts.CreditsQueryService;
import dev.i2v.credits.accounts.OpenAccountService;

/**
 * A hold lives as long as its job: past its time-to-live the sweeper releases it only when job-service has no
 * job for it (a crash between hold and job creation), against a stand-in of job-service's internal API.
 */
class HoldLifetimeIT extends CreditsITBase {

    @Autowired
    HoldService holds;
    @Autowired
    HoldExpirySweeper sweeper;
    @Autowired
    OpenAccountService accounts;
    @Autowired
    CreditsQueryService credits;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aHoldWhoseJobExistsOutlivesItsTtlKeepsItsSlotAndIsCapturedOnce() {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID();
        JobServiceStandIn.jobExists(job);
        holds.place(job, account, 30);

        clock.advance(Duration.ofHours(3)); // past the 2 h time-to-live, the job still waiting
        sweeper.sweep();
        sweeper.sweep();

        assertThat(status(job)).isEqualTo("held");
        assertThat(credits.credits(account).concurrency().active()).as("the slot is still taken").isEqualTo(1);
        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThat(JobServiceStandIn.questionsAbout(job)).as("asked once, then bound to its job").isEqualTo(1);

        holds.capture(job);
        holds.capture(job);

        assertThat(status(job)).isEqualTo("captured");
        assertThat(credits.credits(account).balance()).isEqualTo(970);
        assertThat(credits.credits(account).concurrency().active()).isZero();
        assertThat(kinds(job)).containsExactly("capture", "hold");
    }

    @Test
    void aHoldWithoutAJobIsReleasedAfterItsTtlAndNotBefore() {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID(); // the gateway crashed before creating it: job-service answers 404
        holds.place(job, account, 30);

        clock.advance(Duration.ofMinutes(90));
        sweeper.sweep();
        assertThat(status(job)).as("within its time-to-live").isEqualTo("held");
        assertThat(JobServiceStandIn.questionsAbout(job)).isZero();

        clock.advance(Duration.ofMinutes(31));
        sweeper.sweep();
        assertThat(status(job)).isEqualTo("expired");
        assertThat(credits.credits(account).balance()).isEqualTo(1000);
        assertThat(credits.credits(account).concurrency().active()).isZero();
        assertThat(kinds(job)).containsExactly("release", "hold");
    }

    @Test
    void whileJobServiceCannotBeAskedTheHoldIsKept() {
        UUID account = newFreeAccount();
        UUID job = UUID.randomUUID();
        JobServiceStandIn.unavailableFor(job);
        holds.place(job, account, 30);

        clock.advance(Duration.ofHours(3));
        sweeper.sweep();

        assertThat(status(job)).isEqualTo("held");
        assertThat(credits.credits(account).concurrency().active()).isEqualTo(1);
        assertThat(JobServiceStandIn.questionsAbout(job)).isPositive();
    }

    private UUID newFreeAccount() {
        UUID account = UUID.randomUUID();
        accounts.open(account, "free", null);
        return account;
    }

    private String status(UUID job) {
        return jdbc.sql("select status from holds where job_id = :job").param("job", job).query(String.class).single();
    }

    private List<String> kinds(UUID job) {
        return jdbc.sql("select kind from ledger_entries where job_id = :job order by id desc").param("job", job)
                .query(String.class).list();
    }
}
