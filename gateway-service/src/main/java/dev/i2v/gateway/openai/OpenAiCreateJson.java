package dev.i2v.gateway.openai;

/**
 * A JSON create request as OpenAI's SDKs send it.
 *
 * @param inputReference the image: {@code image_url} (an https URL or a base64 data URL) or {@code file_id}
 *                       (OpenAI's Files API, which this service does not have)
 */
record OpenAiCreateJson(String prompt, String model, String seconds, String size, InputReference inputReference) {

    record InputReference(String imageUrl, String fileId) {
    }
}
