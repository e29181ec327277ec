package dev.i2v.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class FreshSnapshotTest {

    private Instant now = Instant.parse("2026-12-08T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Deque<Supplier<Optional<String>>> answers = new ArrayDeque<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final FreshSnapshot<String> snapshot = new FreshSnapshot<>("the test value", "initial",
            Duration.ofSeconds(2), clock, () -> {
                reads.incrementAndGet();
                return answers.removeFirst().get();
            });

    @Test
    void readsAtMostOncePerFreshnessAndAnswersTheLastReadBetween() {
        answers.add(() -> Optional.of("first"));
        answers.add(() -> Optional.of("second"));

        String first = snapshot.get();
        now = now.plusMillis(1999);
        String stillFirst = snapshot.get();
        now = now.plusMillis(1);
        String second = snapshot.get();

        assertThat(first).isEqualTo("first");
        assertThat(stillFirst).isEqualTo("first");
        assertThat(second).isEqualTo("second");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedOrEmptyReadKeepsTheLastValueAndIsNotRetriedBeforeTheFreshnessRunsOut() {
        answers.add(() -> {
            throw new IllegalStateException("down");
        });
        answers.add(() -> Optional.of("read"));
        answers.add(Optional::empty);

        String whileDown = snapshot.get();
        String soonAfter = snapshot.get();
        now = now.plusSeconds(2);
        String read = snapshot.get();
        now = now.plusSeconds(2);
        String afterEmpty = snapshot.get();

        assertThat(whileDown).as("nothing read yet: the initial value").isEqualTo("initial");
        assertThat(soonAfter).isEqualTo("initial");
        assertThat(read).isEqualTo("read");
        assertThat(afterEmpty).as("an empty answer keeps the last value").isEqualTo("read");
        assertThat(reads).as("not asked again on every call while down").hasValue(3);
    }

    @Test
    void invalidateMakesTheNextGetReadAgain() {
        answers.add(() -> Optional.of("before"));
        answers.add(() -> Optional.of("after"));

        snapshot.get();
        snapshot.invalidate();

        assertThat(snapshot.get()).isEqualTo("after");
    }
}
