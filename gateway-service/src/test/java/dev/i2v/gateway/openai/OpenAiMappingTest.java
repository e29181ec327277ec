package dev.i2v.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.gateway.models.Model;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.gateway.videos.VideoJson;

class OpenAiMappingTest {

    static final Model LOCAL = new Model("local", "local", List.of(6, 10), List.of("512P", "720P", "768P", "1080P"),
            List.of(Lane.STANDARD), false, true);
    static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void openAisModelNamesRunOnTheConfiguredModelsAndOursPassAsTheyAre() {
        OpenAiProperties properties = new OpenAiProperties("local", "hailuo-02", 1000);
        assertThat(properties.modelFor(null)).isEqualTo("local");
        assertThat(properties.modelFor("sora-2")).isEqualTo("local");
        assertThat(properties.modelFor("sora-2-2025-12-08")).isEqualTo("local");
        assertThat(properties.modelFor("sora-2-pro-2025-10-06")).isEqualTo("hailuo-02");
        assertThat(properties.modelFor("runway-gen4-turbo")).isEqualTo("runway-gen4-turbo");
        assertThat(new OpenAiProperties("local", null, 1000).modelFor("sora-2-pro")).isEqualTo("local");
    }

    @Test
    void secondsBecomeTheNearestDurationOfferedTheLongerOnATie() {
        assertThat(OpenAiVideoService.duration(LOCAL, "4")).isEqualTo(6);
        assertThat(OpenAiVideoService.duration(LOCAL, "8")).isEqualTo(10);
        assertThat(OpenAiVideoService.duration(LOCAL, "12")).isEqualTo(10);
        assertThat(OpenAiVideoService.duration(LOCAL, null)).isNull();
        assertThatThrownBy(() -> OpenAiVideoService.duration(LOCAL, "four")).isInstanceOf(GatewayException.class);
    }

    @Test
    void aSizeBecomesTheResolutionNearestItsShortSide() {
        assertThat(OpenAiVideoService.resolution(LOCAL, "1280x720")).isEqualTo("720P");
        assertThat(OpenAiVideoService.resolution(LOCAL, "720x1280")).isEqualTo("720P");
        assertThat(OpenAiVideoService.resolution(LOCAL, "1792x1024")).isEqualTo("1080P");
        assertThat(OpenAiVideoService.resolution(LOCAL, "1920x1080")).isEqualTo("1080P");
        assertThatThrownBy(() -> OpenAiVideoService.resolution(LOCAL, "big")).isInstanceOf(GatewayException.class);
    }

    @Test
    void statusesAndTimesReadAsOpenAiWritesThem() {
        OpenAiVideo running = OpenAiVideoService.toOpenAi(job("running", null, null, null));
        assertThat(running.status()).isEqualTo("in_progress");
        assertThat(running.completedAt()).isNull();
        assertThat(running.createdAt()).isEqualTo(CREATED.getEpochSecond());
        assertThat(running.size()).isEqualTo("768P");
        assertThat(running.seconds()).isEqualTo("6");

        OpenAiVideo done = OpenAiVideoService.toOpenAi(job("succeeded", CREATED.plusSeconds(9), null,
                new VideoJson.OutputJson("/v1/videos/x/content", 1024, 768, 6.0, true)));
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.completedAt()).isEqualTo(CREATED.getEpochSecond() + 9);
        assertThat(done.size()).isEqualTo("1024x768");
        assertThat(done.error()).isNull();

        OpenAiVideo cancelled = OpenAiVideoService.toOpenAi(job("cancelled", CREATED.plusSeconds(2), null, null));
        assertThat(cancelled.status()).isEqualTo("failed");
        assertThat(cancelled.error().code()).isEqualTo("cancelled");

        OpenAiVideo failed = OpenAiVideoService.toOpenAi(job("failed", CREATED.plusSeconds(2),
                new VideoJson.ErrorJson("moderation", "the provider refused the prompt"), null));
        assertThat(failed.error().code()).isEqualTo("moderation");
        assertThat(failed.error().message()).isEqualTo("the provider refused the prompt");
    }

    private static VideoJson job(String status, Instant finished, VideoJson.ErrorJson error, VideoJson.OutputJson output) {
        return new VideoJson("0193a8d2-0000-7000-8000-000000000001", "video", JobStatus.fromWireName(status), "local",
                "a cat", null, 6, "768P", Lane.STANDARD, 30, "succeeded".equals(status) ? 100 : 40, null, null, CREATED, CREATED.plusSeconds(1),
                finished, error, output);
    }
}
