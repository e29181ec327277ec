package dev.i2v.gateway.apidocs;

import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * What the controllers' signatures cannot tell springdoc: statuses set at run time (202), the MP4 and
 * event-stream bodies, and the create form's fields as flat multipart parts.
 */
final class ResponseShapes {

    private ResponseShapes() {
    }

    static void apply(OpenAPI api, PathItem.HttpMethod method, String path, Operation operation) {
        String key = method.name() + " " + path;
        switch (key) {
            case "POST /v1/videos" -> {
                renameStatus(operation.getResponses(), "200", "202", "Accepted: the job, queued; Location names it");
                operation.getResponses().get("202").addHeaderObject("Location",
                        new Header().description("/v1/videos/{id}").schema(new Schema<>().type("string")));
                flattenForm(api, operation);
            }
            case "POST /v1/videos/quote" -> flattenForm(api, operation);
            case "POST /v1/videos/{id}/cancel" -> renameStatus(operation.getResponses(), "200", "202",
                    "Accepted: the job, cancelled or being cancelled");
            case "GET /v1/videos/{id}/content" -> {
                Schema<?> binary = new Schema<>().type("string").format("binary");
                operation.getResponses().addApiResponse("200", new ApiResponse()
                        .description("The MP4 (the watermarked rendition on plans with a watermark)")
                        .content(new Content().addMediaType("video/mp4", new MediaType().schema(binary))));
                operation.getResponses().addApiResponse("206", new ApiResponse()
                        .description("The byte range asked for with Range")
                        .content(new Content().addMediaType("video/mp4", new MediaType().schema(binary))));
            }
            case "GET /v1/videos/{id}/events" -> operation.getResponses().addApiResponse("200", new ApiResponse()
                    .description("Server-sent events: one per state change and progress step, each with the job as data; "
                            + "the stream ends after the terminal event")
                    .content(new Content().addMediaType("text/event-stream",
                            new MediaType().schema(new Schema<>().type("string")))));
            default -> {
            }
        }
    }

    private static void renameStatus(ApiResponses responses, String from, String to, String description) {
        ApiResponse response = responses.remove(from);
        if (response != null) {
            responses.addApiResponse(to, response.description(description));
        }
    }

    /** The create form is flat parts ({@code image} and the fields), not a nested object. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void flattenForm(OpenAPI api, Operation operation) {
        Schema<?> fields = api.getComponents().getSchemas().get("VideoForm");
        MediaType multipart = operation.getRequestBody() == null ? null
                : operation.getRequestBody().getContent().get("multipart/form-data");
        if (fields == null || multipart == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("image", new Schema<>().type("string").format("binary")
                .description("JPEG, PNG or WebP (judged by its bytes), at most 20 MB and 40 MP, short side at least 300 px"));
        properties.putAll(fields.getProperties());
        multipart.setSchema(new Schema<>().type("object").properties(properties));
    }
}
