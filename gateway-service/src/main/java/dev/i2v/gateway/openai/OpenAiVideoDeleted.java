package dev.i2v.gateway.openai;

/** OpenAI's answer to a delete. */
record OpenAiVideoDeleted(String id, String object, boolean deleted) {
}
