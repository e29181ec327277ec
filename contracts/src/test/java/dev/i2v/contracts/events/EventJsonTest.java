package dev.i2v.contracts.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import tools.jackson.databind.json.JsonMapper;

class EventJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void workEventsRoundTripWithTheirTypeName() {
        WorkEvent event = new WorkEvent.WorkSucceeded(UUID.randomUUID(), UUID.randomUUID(), 2, 1,
                new VideoOutput("outputs/x.mp4", "video/mp4", 1234, 1024, 768, 6.0, null, null), Instant.parse("2026-11-25T00:00:00Z"));

        String text = json.writeValueAsString(event);

        assertThat(text).contains("\"type\":\"work_succeeded\"");
        assertThat(json.readValue(text, WorkEvent.class)).isEqualTo(event);
    }

    @Test
    void jobEventsKnowWhichAreTerminal() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(new JobEvent.JobStarted(id, id, id, 1, now).terminal()).isFalse();
        assertThat(new JobEvent.JobCancelled(id, id, id, now).terminal()).isTrue();
        String text = json.writeValueAsString(new JobEvent.JobFailed(id, id, id, "engine_error", "boom", now));
        assertThat(json.readValue(text, JobEvent.class)).isInstanceOf(JobEvent.JobFailed.class);
    }

    @Test
    void lanesAndStatusesTravelAsTheirWireNames() {
        JobDispatched dispatch = new JobDispatched(UUID.randomUUID(), UUID.randomUUID(), 1, UUID.randomUUID(), "local",
                "a cat", 6, "768P", Lane.RELAXED, new InputImage("inputs/x/image.png", "image/png", 640, 480),
                Instant.parse("2026-11-25T00:00:00Z"), false, false);

        String text = json.writeValueAsString(dispatch);

        assertThat(text).contains("\"lane\":\"relaxed\"").contains("\"width\":640");
        assertThat(json.readValue(text, JobDispatched.class)).isEqualTo(dispatch);
        assertThat(json.writeValueAsString(JobStatus.CANCELLED)).isEqualTo("\"cancelled\"");
        assertThat(json.readValue("\"running\"", JobStatus.class)).isEqualTo(JobStatus.RUNNING);
    }

    @Test
    void aDispatchFromBeforeTheWatermarkFieldGetsTheRenditionAndOneThatSaysNoDoesNot() {
        JobDispatched unmarked = new JobDispatched(UUID.randomUUID(), UUID.randomUUID(), 1, UUID.randomUUID(), "local",
                "a cat", 6, "768P", Lane.STANDARD, new InputImage("inputs/x/image.png", "image/png", 640, 480),
                Instant.parse("2026-11-25T00:00:00Z"), false, false);
        String text = json.writeValueAsString(unmarked);
        String older = text.replace(",\"watermark\":false", "");

        assertThat(older).isNotEqualTo(text);
        assertThat(json.readValue(older, JobDispatched.class).watermarked()).isTrue();
        assertThat(json.readValue(text, JobDispatched.class).watermarked()).isFalse();
    }

    @Test
    void theEventOfEachStatusKnowsWhetherItIsTerminal() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(new JobEvent.JobRetryScheduled(id, id, id, 2, now, "provider_error", now).status())
                .isEqualTo(JobStatus.QUEUED);
        assertThat(new JobEvent.JobSucceeded(id, id, id, 30, null, now).terminal()).isTrue();
        assertThat(json.writeValueAsString(new JobEvent.JobStarted(id, id, id, 1, now))).doesNotContain("status");
    }
}
