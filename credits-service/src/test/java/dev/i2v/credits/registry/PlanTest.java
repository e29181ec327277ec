package dev.i2v.credits.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.Lane;
import dev.i2v.credits.problems.CreditsException;

class PlanTest {

    /** The free plan of the product brief: 3 at once, watermark, up to 768P and 10 s, no priority lane. */
    private static final Plan FREE = new Plan("free", 3, 0, null, 1, true, 768, 10, List.of(Lane.STANDARD, Lane.RELAXED), 1000,
            100, 0);

    @Test
    void aRequestWithinThePlanIsAllowed() {
        assertThatCode(() -> FREE.checkAllows(10, 768, Lane.RELAXED)).doesNotThrowAnyException();
    }

    @Test
    void eachLimitIsRefusedNamingTheRule() {
        assertThatThrownBy(() -> FREE.checkAllows(6, 1080, Lane.STANDARD))
                .isInstanceOf(CreditsException.PlanLimit.class).hasMessageContaining("above 768P");
        assertThatThrownBy(() -> FREE.checkAllows(12, 768, Lane.STANDARD))
                .isInstanceOf(CreditsException.PlanLimit.class).hasMessageContaining("longer than 10 s");
        assertThatThrownBy(() -> FREE.checkAllows(6, 768, Lane.PRIORITY))
                .isInstanceOf(CreditsException.PlanLimit.class)
                .hasMessageContaining("the priority lane is not allowed (allowed: standard, relaxed)");
    }

    @Test
    void aSlotIsFreeOnlyBelowTheParallelLimit() {
        assertThat(FREE.hasSlotBeside(2)).isTrue();
        assertThat(FREE.hasSlotBeside(3)).isFalse();
    }

    @Test
    void aPlanThatQueuesAcceptsThatManyMoreBeyondItsParallelLimit() {
        Plan standard = new Plan("standard", 5, 20, null, 2, false, 1080, 10, List.of(Lane.STANDARD), 1000, 100, 1000);

        assertThat(standard.hasSlotBeside(5)).as("beyond parallel, within queued").isTrue();
        assertThat(standard.hasSlotBeside(24)).isTrue();
        assertThat(standard.hasSlotBeside(25)).as("beyond both").isFalse();
    }
}
