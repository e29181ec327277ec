package dev.i2v.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

class CoalescingPassesTest {

    @Test
    void requestsWhilePassRunsCostOneMorePassNotOneEach() throws Exception {
        CountDownLatch inFirstPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger passes = new AtomicInteger();
        CoalescingPasses coalescing = new CoalescingPasses("test", () -> {
            if (passes.incrementAndGet() == 1) {
                inFirstPass.countDown();
                await(release);
            }
        });
        Thread first = Thread.ofPlatform().start(coalescing::run);
        assertThat(inFirstPass.await(5, TimeUnit.SECONDS)).as("the first pass started").isTrue();

        for (int i = 0; i < 100; i++) {
            coalescing.run(); // returns at once: the running pass looks again
        }
        release.countDown();
        first.join(5_000);

        assertThat(passes).as("the running pass, then one look for all 100 requests").hasValue(2);
    }

    @Test
    void aRequestThatFindsTheLockHeldAfterTheLastLookGetsAPass() {
        AtomicInteger passes = new AtomicInteger();
        AtomicReference<CoalescingPasses> coalescing = new AtomicReference<>();
        AtomicBoolean stepped = new AtomicBoolean();
        // another request arrives after the holder's last look, just before it lets go of the lock
        ReentrantLock lock = new ReentrantLock() {
            @Override
            public void unlock() {
                if (stepped.compareAndSet(false, true)) {
                    Thread late = Thread.ofPlatform().start(() -> coalescing.get().run());
                    join(late);
                }
                super.unlock();
            }
        };
        coalescing.set(new CoalescingPasses("test", passes::incrementAndGet, lock));

        coalescing.get().run();

        assertThat(stepped).as("the late request came while the lock was held").isTrue();
        assertThat(passes).as("the late request found the lock held: the holder must look once more for it")
                .hasValue(2);
    }

    @Test
    void aFailedPassLeavesTheNextRequestFreeToRun() {
        AtomicInteger passes = new AtomicInteger();
        CoalescingPasses coalescing = new CoalescingPasses("test", () -> {
            if (passes.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
        });

        coalescing.run();
        coalescing.run();

        assertThat(passes).hasValue(2);
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
