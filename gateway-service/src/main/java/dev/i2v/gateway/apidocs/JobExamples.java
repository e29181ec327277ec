package dev.i2v.gateway.apidocs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;

/** Example requests and jobs, as a client would send and see them. */
final class JobExamples {

    private JobExamples() {
    }

    static void addTo(PathItem.HttpMethod method, String path, Operation operation) {
        if (method == PathItem.HttpMethod.POST && path.equals("/v1/videos")) {
            requestExample(operation, "application/json", createJson());
            responseExample(operation, "202", queued());
        } else if (method == PathItem.HttpMethod.POST && path.equals("/v1/videos/quote")) {
            requestExample(operation, "application/json", Map.of("model", "local", "duration", 6, "resolution", "768P"));
        } else if (method == PathItem.HttpMethod.GET && path.equals("/v1/videos/{id}")) {
            responseExample(operation, "200", succeeded());
        }
    }

    private static void requestExample(Operation operation, String type, Object value) {
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            MediaType media = operation.getRequestBody().getContent().get(type);
            if (media != null) {
                media.setExamples(Map.of("example", new Example().value(value)));
            }
        }
    }

    private static void responseExample(Operation operation, String status, Object value) {
        var response = operation.getResponses().get(status);
        if (response != null && response.getContent() != null) {
            response.getContent().values().forEach(media -> media.setExamples(Map.of("example", new Example().value(value))));
        }
    }

    private static Map<String, Object> createJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt", "A ginger cat stretches on a sofa, the camera slowly zooms in");
        body.put("image", "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA...");
        body.put("model", "local");
        body.put("duration", 6);
        body.put("resolution", "768P");
        body.put("prompt_optimizer", false);
        body.put("webhook_url", "https://example.com/hooks/i2v");
        return body;
    }

    private static Map<String, Object> queued() {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", "0192f1a4-7c1e-7d2a-9b1e-3f5a6c7d8e9f");
        job.put("object", "video");
        job.put("status", "queued");
        job.put("model", "local");
        job.put("prompt", "A ginger cat stretches on a sofa, the camera slowly zooms in");
        job.put("duration", 6);
        job.put("resolution", "768P");
        job.put("lane", "standard");
        job.put("cost", 30);
        job.put("progress", 0);
        job.put("queue_position", 1);
        job.put("created_at", "2026-11-25T10:15:30.123Z");
        return job;
    }

    private static Map<String, Object> succeeded() {
        Map<String, Object> job = queued();
        job.remove("queue_position");
        job.put("status", "succeeded");
        job.put("progress", 100);
        job.put("started_at", "2026-11-25T10:15:30.412Z");
        job.put("finished_at", "2026-11-25T10:15:34.870Z");
        job.put("output", Map.of("content_url", "/v1/videos/0192f1a4-7c1e-7d2a-9b1e-3f5a6c7d8e9f/content", "width", 1024,
                "height", 768, "duration", 6.0, "watermarked", true));
        return job;
    }
}
