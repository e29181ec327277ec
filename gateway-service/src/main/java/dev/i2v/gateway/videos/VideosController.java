package dev.i2v.gateway.videos;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;

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
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.gateway.auth.Caller;
import dev.i2v.gateway.idempotency.IdempotentRequests;

/** {@code /v1/videos}: maps HTTP to the video services, nothing more. */
@RestController
@RequestMapping("/v1/videos")
class VideosController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final SubmitVideoService submit;
    private final VideoQueryService query;

    VideosController(SubmitVideoService submit, VideoQueryService query) {
        this.submit = submit;
        this.query = query;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<VideoJson> createFromForm(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                             @RequestPart(name = "image", required = false) MultipartFile image,
                                             VideoForm form,
                                             @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key)
            throws IOException {
        return accepted(submit.submit(caller.accountId(), form.toRequest(image), key));
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VideoJson> createFromJson(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                             @RequestBody VideoJsonRequest body,
                                             @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key) {
        return accepted(submit.submit(caller.accountId(), body.toRequest(), key));
    }

    @PostMapping(path = "/quote", consumes = MediaType.APPLICATION_JSON_VALUE)
    CreditsApi.Quote quoteFromJson(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                   @RequestBody VideoJsonRequest body) {
        return submit.quote(caller.accountId(), body.toRequest());
    }

    @PostMapping(path = "/quote", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    CreditsApi.Quote quoteFromForm(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, VideoForm form) throws IOException {
        return submit.quote(caller.accountId(), form.toRequest(null));
    }

    @GetMapping("/{id}")
    VideoJson get(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id) {
        return query.video(caller.accountId(), id);
    }

    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id) {
        return query.events(caller.accountId(), id);
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<VideoJson> cancel(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(query.cancel(caller.accountId(), id));
    }

    /**
     * Deletes the job: cancelled first if it has not finished (its points go back), then gone for its owner —
     * reads, lists and downloads answer 404 — with its stored image and videos removed.
     */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id) {
        query.delete(caller.accountId(), id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping
    VideoQueryService.VideoPage list(@RequestAttribute(Caller.ATTRIBUTE) Caller caller,
                                     @RequestParam(required = false) String status,
                                     @RequestParam(required = false) String cursor,
                                     @RequestParam(defaultValue = "20") int limit) {
        return query.list(caller.accountId(), status, cursor, limit);
    }

    @GetMapping("/{id}/content")
    ResponseEntity<StoredObjectResource> content(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable UUID id) {
        StoredObjectResource video = query.content(caller.accountId(), id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(video.contentType()))
                .header("Content-Disposition", "inline; filename=\"" + id + ".mp4\"")
                .body(video);
    }

    private static ResponseEntity<VideoJson> accepted(IdempotentRequests.Outcome<VideoJson> outcome) {
        VideoJson job = outcome.body();
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/v1/videos/" + job.id()));
        if (outcome.replayed()) {
            answer.header("Idempotent-Replayed", "true");
        }
        return answer.body(job);
    }
}
