package dev.i2v.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class VocabularyTest {

    @Test
    void onlyTheThreeEndingsAreTerminalAndTheyLeadNowhere() {
        assertThat(Arrays.stream(JobStatus.values()).filter(JobStatus::terminal))
                .containsExactly(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
        for (JobStatus end : JobStatus.values()) {
            if (end.terminal()) {
                assertThat(JobStatus.values()).noneMatch(end::canBecome);
            }
        }
        assertThat(JobStatus.RUNNING.canBecome(JobStatus.QUEUED)).as("a retry").isTrue();
        assertThat(JobStatus.QUEUED.canBecome(JobStatus.SUCCEEDED)).isFalse();
    }

    @Test
    void lanesStartInOneOrderAndUnnamedMeansStandard() {
        assertThat(Lane.inStartOrder()).containsExactly(Lane.PRIORITY, Lane.STANDARD, Lane.RELAXED);
        assertThat(Lane.wireNamesInStartOrder()).containsExactly("priority", "standard", "relaxed");
        assertThat(Lane.orDefault(null)).isEqualTo(Lane.DEFAULT).isEqualTo(Lane.STANDARD);
        assertThat(Lane.fromWireName("Relaxed")).isEqualTo(Lane.RELAXED);
        assertThat(Lane.RELAXED.charged()).isFalse();
        assertThatThrownBy(() -> Lane.fromWireName("express")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aResolutionIsReadInOnePlace() {
        assertThat(Resolution.parse("768p")).contains(new Resolution(768));
        assertThat(Resolution.parse("1080P").orElseThrow().hd()).isTrue();
        assertThat(Resolution.parse("768P").orElseThrow().hd()).isFalse();
        assertThat(new Resolution(720).wireName()).isEqualTo("720P");
        assertThat(Resolution.parse("4K")).isEmpty();
        assertThat(Resolution.parse(null)).isEmpty();
    }
}
