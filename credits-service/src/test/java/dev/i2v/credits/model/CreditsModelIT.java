package dev.i2v.credits.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.CreditsApplication;
import dev.i2v.credits.MutableClock;
import dev.i2v.credits.TestClockConfiguration;
import dev.i2v.credits.accounts.CreditsQueryService;
import dev.i2v.credits.accounts.OpenAccountService;
import dev.i2v.credits.grants.GrantService;
import dev.i2v.credits.holds.HoldService;
import dev.i2v.credits.ledger.LedgerAudit;
import dev.i2v.credits.ledger.LedgerQueries;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;
import dev.i2v.infra.TestServers;

/**
 * Model-based test: random sequences of grants, holds, captures, releases, hold expiry, daily grants,
 * reads, clock moves and retries run against the real service on real PostgreSQL and against {@link
 * CreditModel}; after every step balance, slots, the full history and the ledger audit must agree.
 */
class CreditsModelIT {

    private static final AtomicLong STEPS = new AtomicLong();
    private static final Duration HOLD_TTL = Duration.ofHours(2);
    private static final ConfigurableApplicationContext APP = start();

    static ConfigurableApplicationContext start() {
        Map<String, Object> properties = new HashMap<>(TestServers.shared().springProperties("credits"));
        properties.put("i2v.credits.sweep-interval", "1d");
        properties.put("spring.kafka.listener.auto-startup", "false");
        // as arguments, not default properties: those would lose to application.yml
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CreditsApplication.class, TestClockConfiguration.class)
                .web(WebApplicationType.NONE).run(args);
    }

    @AfterContainer
    static void report() {
        System.out.printf("credits model test: %d steps checked against the model%n", STEPS.get());
        APP.close();
    }

    @Property(tries = 150)
    void theServiceBehavesLikeTheModel(@ForAll("chains") ActionChain<World> chain) {
        chain.withInvariant("service equals model", World::check).run();
    }

    @Provide
    Arbitrary<ActionChain<World>> chains() {
        return ActionChain.<World>startWith(World::fresh)
                .withAction(3, new Hold())
                .withAction(2, new Resolve("captured"))
                .withAction(2, new Resolve("released"))
                .withAction(2, new Grant())
                .withAction(1, new Daily())
                .withAction(2, new AdvanceClock())
                .withAction(1, new ExpireHolds())
                .withAction(1, new Read())
                .withAction(2, new Retry())
                .withMaxTransformations(40);
    }

    /** The service and the model side by side, for one fresh account. */
    static final class World {
        final UUID account = UUID.randomUUID();
        final MutableClock clock = APP.getBean(MutableClock.class);
        final CreditModel model;
        final List<UUID> jobs = new ArrayList<>();
        Supplier<String> lastStep = () -> CreditModel.OK;
        Supplier<String> lastModelStep = () -> CreditModel.OK;

        private World() {
            clock.freeze();
            APP.getBean(OpenAccountService.class).open(account, "free", null);
            Account created = APP.getBean(AccountRepository.class).find(account).orElseThrow();
            model = new CreditModel(created.createdAt());
        }

        static World fresh() {
            return new World();
        }

        Instant now() {
            return clock.instant();
        }

        /** Runs one operation on both sides; they must answer alike. */
        World step(Supplier<String> service, Supplier<String> modelSide) {
            lastStep = service;
            lastModelStep = modelSide;
            String expected = modelSide.get();
            String actual = service.get();
            assertThat(actual).as("outcome").isEqualTo(expected);
            STEPS.incrementAndGet();
            return this;
        }

        void check() {
            Account stored = APP.getBean(AccountRepository.class).find(account).orElseThrow();
            List<CreditModel.Line> history = new ArrayList<>(APP.getBean(LedgerQueries.class)
                    .history(account, null, 200).data().stream()
                    .map(l -> new CreditModel.Line(l.kind(), l.points())).toList());
            Collections.reverse(history);
            assertThat(history).as("history").isEqualTo(model.history);
            assertThat(stored.balance()).as("balance").isEqualTo(model.balance());
            assertThat(stored.activeJobs()).as("active jobs").isEqualTo(model.active);
            assertThat(APP.getBean(LedgerAudit.class).audit(account).drift()).as("audit").isEmpty();
        }

        static String outcome(Runnable call) {
            try {
                call.run();
                return CreditModel.OK;
            } catch (CreditsException e) {
                return e.code();
            }
        }
    }

    static final class Hold implements Action.Dependent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            Arbitrary<UUID> job = world.jobs.isEmpty() ? Arbitraries.create(UUID::randomUUID)
                    : Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(4, Arbitraries.create(UUID::randomUUID)),
                    net.jqwik.api.Tuple.of(1, Arbitraries.of(world.jobs)));
            Arbitrary<Long> amount = Arbitraries.of(0L, 10L, 30L, 50L, 100L, 400L, 900L);
            return net.jqwik.api.Combinators.combine(job, amount).as((id, points) ->
                    Transformer.mutate("hold " + points + " for " + id.toString().substring(0, 8), w -> {
                        if (!w.jobs.contains(id)) {
                            w.jobs.add(id);
                        }
                        HoldService holds = APP.getBean(HoldService.class);
                        w.step(() -> World.outcome(() -> holds.place(id, w.account, points)),
                                () -> w.model.hold(id, points, w.now(), w.now().plus(HOLD_TTL)));
                    }));
        }
    }

    static final class Resolve implements Action.Dependent<World> {
        private final String target;

        Resolve(String target) {
            this.target = target;
        }

        @Override
        public boolean precondition(World world) {
            return !world.jobs.isEmpty();
        }

        @Override
        public Arbitrary<Transformer<World>> transformer(World world) {
            return Arbitraries.of(world.jobs).map(id -> Transformer.mutate(target + " " + id.toString().substring(0, 8), w -> {
                HoldService holds = APP.getBean(HoldService.class);
                w.step(() -> World.outcome(() -> {
                            if (target.equals("captured")) {
                                holds.capture(id);
                            } else {
                                holds.release(id);
                            }
                        }),
                        () -> w.model.resolve(id, target, w.now()));
            }));
        }
    }

    static final class Grant implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            Arbitrary<Long> points = Arbitraries.longs().between(1, 500);
            Arbitrary<Integer> hours = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(1, Arbitraries.just(0)),
                    net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 96)));
            Arbitrary<String> key = Arbitraries.of("a", "b", "c", "d", "e", "f");
            return net.jqwik.api.Combinators.combine(points, hours, key).as((p, h, k) ->
                    Transformer.mutate("grant " + p + (h == 0 ? "" : " for " + h + " h") + " key " + k, w -> {
                        Instant expires = h == 0 ? null : w.now().plus(Duration.ofHours(h));
                        GrantService grants = APP.getBean(GrantService.class);
                        w.step(() -> World.outcome(() -> grants.adminGrant(w.account, p, "test", expires, k)),
                                () -> w.model.grant(p, expires, k, w.now()));
                    }));
        }
    }

    static final class Daily implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("daily grant", w -> {
                GrantService grants = APP.getBean(GrantService.class);
                w.step(() -> World.outcome(() -> grants.daily(w.account)), () -> w.model.daily(w.now()));
            }));
        }
    }

    static final class AdvanceClock implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.of(Duration.ofMinutes(1), Duration.ofMinutes(59), Duration.ofHours(1),
                            Duration.ofHours(3), Duration.ofHours(13), Duration.ofDays(1), Duration.ofDays(3))
                    .map(d -> Transformer.mutate("advance " + d, w -> {
                        w.clock.advance(d);
                        STEPS.incrementAndGet();
                    }));
        }
    }

    static final class ExpireHolds implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("sweep holds past their TTL", w -> {
                HoldService holds = APP.getBean(HoldService.class);
                for (UUID job : w.model.expiredHolds(w.now())) {
                    w.step(() -> World.outcome(() -> holds.expire(job)), () -> w.model.resolve(job, "expired", w.now()));
                }
            }));
        }
    }

    static final class Read implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("read credits", w -> {
                CreditsApi.CreditsView view = APP.getBean(CreditsQueryService.class).credits(w.account);
                List<Long> expected = w.model.readSpendable(w.now());
                assertThat(view.grants()).as("spendable lots after a read: %s", view.grants())
                        .extracting(CreditsApi.GrantView::remaining).isEqualTo(expected);
                assertThat(view.balance()).as("balance after a read").isEqualTo(w.model.balance());
                STEPS.incrementAndGet();
            }));
        }
    }

    /** Runs the previous operation again, with the same arguments: it must change nothing more. */
    static final class Retry implements Action.Independent<World> {
        @Override
        public Arbitrary<Transformer<World>> transformer() {
            return Arbitraries.just(Transformer.mutate("retry the last operation",
                    w -> w.step(w.lastStep, w.lastModelStep)));
        }
    }
}
