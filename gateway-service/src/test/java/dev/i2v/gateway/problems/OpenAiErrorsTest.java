package dev.i2v.gateway.problems;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {

    @Test
    void aProblemBecomesOpenAisEnvelopeWithOurCodeAndWhatTheClientCanActOn() {
        Map<String, Object> envelope = OpenAiErrors.envelope(402, "balance 10 is below the price 30",
                Map.of("code", "insufficient_credits", "balance", 10, "cost", 30, "request_id", "r1"));
        @SuppressWarnings("unchecked")
        Map<String, Object> error = (Map<String, Object>) envelope.get("error");
        assertThat(error).containsEntry("message", "balance 10 is below the price 30")
                .containsEntry("type", "insufficient_quota").containsEntry("code", "insufficient_credits")
                .containsEntry("param", null).containsEntry("balance", 10).containsEntry("cost", 30)
                .doesNotContainKey("request_id");
    }

    @Test
    void theParamNamesOpenAisFieldAndStatusesFollowOpenAisUse() {
        @SuppressWarnings("unchecked")
        Map<String, Object> image = (Map<String, Object>) OpenAiErrors.envelope(415, "not an image",
                Map.of("code", "unsupported_image_type")).get("error");
        assertThat(image).containsEntry("param", "input_reference").containsEntry("type", "invalid_request_error");
        assertThat(OpenAiErrors.status(415)).isEqualTo(400);
        assertThat(OpenAiErrors.status(422)).isEqualTo(400);
        assertThat(OpenAiErrors.status(413)).isEqualTo(413);
        assertThat(OpenAiErrors.status(429)).isEqualTo(429);
        @SuppressWarnings("unchecked")
        Map<String, Object> limit = (Map<String, Object>) OpenAiErrors.envelope(429, "3 of 3 running",
                Map.of("code", "concurrency_limit", "limit", 3, "active", 3)).get("error");
        assertThat(limit).containsEntry("type", "rate_limit_error").containsEntry("limit", 3);
    }
}
