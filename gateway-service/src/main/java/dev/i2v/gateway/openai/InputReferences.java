package dev.i2v.gateway.openai;

import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.gateway.problems.GatewayException;

/** Where an OpenAI create request names its image when it does not upload a file. */
final class InputReferences {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private InputReferences() {
    }

    static String fromJson(OpenAiCreateJson.InputReference reference) {
        if (reference == null) {
            return null;
        }
        if (reference.fileId() != null) {
            throw fileIdsUnsupported();
        }
        return reference.imageUrl();
    }

    /** Text parts: {@code input_reference[image_url]}, or {@code input_reference} as a URL or the JSON object. */
    static String fromFormFields(Map<String, String> fields) {
        if (fields.containsKey("input_reference[file_id]")) {
            throw fileIdsUnsupported();
        }
        String bracketed = fields.get("input_reference[image_url]");
        if (bracketed != null) {
            return bracketed;
        }
        String plain = fields.get("input_reference");
        if (plain == null || plain.isBlank()) {
            return null;
        }
        if (plain.trim().startsWith("{")) {
            JsonNode object;
            try {
                object = JSON.readTree(plain);
            } catch (JacksonException e) {
                throw GatewayException.invalidParam("input_reference", "input_reference is not a valid JSON object");
            }
            if (object.has("file_id")) {
                throw fileIdsUnsupported();
            }
            return object.has("image_url") ? object.get("image_url").asString() : null;
        }
        return plain.trim();
    }

    private static GatewayException fileIdsUnsupported() {
        return GatewayException.invalidParam("input_reference.file_id", "input_reference.file_id is not supported "
                + "(there is no Files API here): send the image as a file or as image_url");
    }
}
