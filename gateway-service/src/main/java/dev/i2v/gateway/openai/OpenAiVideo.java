package dev.i2v.gateway.openai;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * OpenAI's video object. Times are Unix seconds.
 *
 * @param status      {@code queued}, {@code in_progress}, {@code completed} or {@code failed} (a cancelled job is
 *                    failed with error code {@code cancelled})
 * @param seconds     the clip's length as a string, as OpenAI writes it
 * @param size        {@code WIDTHxHEIGHT} of the video once it exists; before that our resolution ({@code 768P})
 * @param expiresAt   always null: videos are kept until deleted
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record OpenAiVideo(String id, String object, String model, String status, int progress, long createdAt,
                   Long completedAt, Long expiresAt, String prompt, String seconds, String size,
                   String remixedFromVideoId, Error error) {

    record Error(String code, String message) {
    }
}
