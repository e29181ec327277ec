package dev.i2v.gateway.openai;

import java.io.IOException;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.idempotency.IdempotentRequests;
import dev.i2v.gateway.videos.StoredObjectResource;

/** {@code /openai/v1/videos}: OpenAI's Videos API, as its SDKs call it. */
@RestController
@RequestMapping("/openai/v1/videos")
class OpenAiVideosController {

    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OpenAiVideoService videos;
    private final OpenAiProperties properties;

    OpenAiVideosController(OpenAiVideoService videos, OpenAiProperties properties) {
        this.videos = videos;
        this.properties = properties;
    }

    /**
     * Multipart, as the SDKs send an uploaded file; an image given by URL may come as the text part
     * {@code input_reference[image_url]} or {@code input_reference} (a URL, a data URL or the JSON object).
     */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<OpenAiVideo> createFromForm(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                               @RequestPart(name = "input_reference", required = false) MultipartFile file,
                                               @RequestParam Map<String, String> fields,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key)
            throws IOException {
        byte[] image = file == null || file.isEmpty() ? null : file.getBytes();
        String reference = image != null ? null : InputReferences.fromFormFields(fields);
        return created(videos.create(caller.accountId(), fields.get("prompt"), fields.get("model"), fields.get("seconds"),
                fields.get("size"), image, reference, key));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OpenAiVideo> createFromJson(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                               @RequestBody OpenAiCreateJson body,
                                               @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return created(videos.create(caller.accountId(), body.prompt(), body.model(), body.seconds(), body.size(), null,
                InputReferences.fromJson(body.inputReference()), key));
    }

    @GetMapping("/{id}")
    ResponseEntity<OpenAiVideo> retrieve(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String id) {
        return withPollHint(videos.retrieve(caller.accountId(), id));
    }

    @GetMapping
    OpenAiVideoList list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                         @RequestParam(required = false) String after,
                         @RequestParam(defaultValue = "20") int limit,
                         @RequestParam(defaultValue = "desc") String order) {
        return videos.list(caller.accountId(), after, limit, order);
    }

    @DeleteMapping("/{id}")
    OpenAiVideoDeleted delete(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String id) {
        return videos.delete(caller.accountId(), id);
    }

    @GetMapping("/{id}/content")
    ResponseEntity<StoredObjectResource> content(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                                 @PathVariable String id,
                                                 @RequestParam(required = false) String variant) {
        StoredObjectResource video = videos.content(caller.accountId(), id, variant);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(video.contentType()))
                .header("Content-Disposition", "inline; filename=\"" + id + ".mp4\"").body(video);
    }

    /** OpenAI answers a create with 200 and the video object. */
    private ResponseEntity<OpenAiVideo> created(IdempotentRequests.Outcome<OpenAiVideo> outcome) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.OK);
        if (outcome.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return withPollHint(answer, outcome.body());
    }

    private ResponseEntity<OpenAiVideo> withPollHint(OpenAiVideo video) {
        return withPollHint(ResponseEntity.ok(), video);
    }

    private ResponseEntity<OpenAiVideo> withPollHint(ResponseEntity.BodyBuilder answer, OpenAiVideo video) {
        if (!OpenAiVideoService.finished(video)) {
            answer.header("openai-poll-after-ms", Long.toString(properties.pollAfterMs()));
        }
        return answer.body(video);
    }
}
