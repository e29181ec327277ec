package dev.i2v.gateway.openai;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** OpenAI's list page: {@code last_id} is the {@code after} of the next page while {@code has_more}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record OpenAiVideoList(String object, List<OpenAiVideo> data, String firstId, String lastId, boolean hasMore) {
}
