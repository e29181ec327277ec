package dev.i2v.gateway.openai;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Resolution;
import dev.i2v.gateway.idempotency.IdempotentRequests;
import dev.i2v.gateway.images.DataUris;
import dev.i2v.gateway.models.Model;
import dev.i2v.gateway.models.ModelCatalog;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.gateway.videos.StoredObjectResource;
import dev.i2v.gateway.videos.SubmitVideoService;
import dev.i2v.gateway.videos.VideoJson;
import dev.i2v.gateway.videos.VideoQueryService;
import dev.i2v.gateway.videos.VideoRequest;

/**
 * OpenAI's Videos API over the native services: a create becomes the same submit (validation, price, hold,
 * plan limits, idempotency), reads and lists read the same jobs, a delete cancels and removes.
 */
@Service
class OpenAiVideoService {

    private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

    private final SubmitVideoService submit;
    private final VideoQueryService query;
    private final ModelCatalog catalog;
    private final OpenAiProperties properties;

    OpenAiVideoService(SubmitVideoService submit, VideoQueryService query, ModelCatalog catalog,
                       OpenAiProperties properties) {
        this.submit = submit;
        this.query = query;
        this.catalog = catalog;
        this.properties = properties;
    }

    /**
     * @param image    the uploaded file's bytes, or null
     * @param imageRef an image URL or data URL (JSON {@code input_reference.image_url}), or null
     */
    IdempotentRequests.Outcome<OpenAiVideo> create(UUID accountId, String prompt, String model, String seconds,
                                                   String size, byte[] image, String imageRef, String idempotencyKey) {
        String ours = properties.modelFor(model);
        Optional<Model> offered = catalog.find(ours);
        Integer duration = offered.map(m -> duration(m, seconds)).orElse(null);
        String resolution = offered.map(m -> resolution(m, size)).orElse(null);
        byte[] bytes = image;
        String url = null;
        if (bytes == null && DataUris.isDataUri(imageRef)) {
            bytes = DataUris.decode(imageRef, "input_reference.image_url");
        } else if (bytes == null) {
            url = imageRef;
        }
        if (bytes == null && url == null) {
            throw invalid("input_reference", "an input_reference image is required: a file, or image_url");
        }
        VideoRequest request = new VideoRequest(prompt, bytes, url, ours, duration, resolution, false, null, null);
        IdempotentRequests.Outcome<VideoJson> outcome = submit.submit(accountId, request, idempotencyKey);
        return new IdempotentRequests.Outcome<>(toOpenAi(outcome.body()), outcome.replayed());
    }

    OpenAiVideo retrieve(UUID accountId, String id) {
        return toOpenAi(query.video(accountId, parseId(id)));
    }

    OpenAiVideoList list(UUID accountId, String after, int limit, String order) {
        if (!"asc".equals(order) && !"desc".equals(order)) {
            throw invalid("order", "order must be asc or desc");
        }
        String cursor = after == null || after.isBlank() ? null : parseId(after).toString();
        VideoQueryService.VideoPage page = query.list(accountId, null, cursor, limit, "asc".equals(order));
        List<OpenAiVideo> data = page.data().stream().map(OpenAiVideoService::toOpenAi).toList();
        return new OpenAiVideoList("list", data, data.isEmpty() ? null : data.get(0).id(),
                data.isEmpty() ? null : data.get(data.size() - 1).id(), page.nextCursor() != null);
    }

    OpenAiVideoDeleted delete(UUID accountId, String id) {
        UUID jobId = parseId(id);
        query.delete(accountId, jobId);
        return new OpenAiVideoDeleted(jobId.toString(), "video.deleted", true);
    }

    StoredObjectResource content(UUID accountId, String id, String variant) {
        if (variant != null && !"video".equals(variant)) {
            throw invalid("variant", "only variant=video is offered (no thumbnail or spritesheet is made)");
        }
        return query.content(accountId, parseId(id));
    }

    static boolean finished(OpenAiVideo video) {
        return "completed".equals(video.status()) || "failed".equals(video.status());
    }

    /** OpenAI's {@code seconds} as the nearest duration the model offers (the longer one on a tie). */
    static Integer duration(Model model, String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return null;
        }
        int wanted;
        try {
            wanted = Integer.parseInt(seconds.trim());
        } catch (NumberFormatException e) {
            throw invalid("seconds", "seconds must be a whole number of seconds, as a string (\"4\", \"8\", ...)");
        }
        return model.durations().stream()
                .min(Comparator.<Integer>comparingInt(d -> Math.abs(d - wanted)).thenComparing(Comparator.reverseOrder()))
                .orElse(null);
    }

    /** OpenAI's {@code size} as the model's resolution nearest its short side; the image decides the shape. */
    static String resolution(Model model, String size) {
        if (size == null || size.isBlank()) {
            return null;
        }
        Matcher m = SIZE.matcher(size.trim());
        if (!m.matches()) {
            throw invalid("size", "size must be WIDTHxHEIGHT, e.g. 1280x720");
        }
        int shortSide = Math.min(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        return model.resolutions().stream()
                .flatMap(r -> Resolution.parse(r).stream())
                .min(Comparator.comparingInt(r -> Math.abs(r.lines() - shortSide)))
                .map(Resolution::wireName)
                .orElse(null);
    }

    static OpenAiVideo toOpenAi(VideoJson job) {
        String status = switch (job.status()) {
            case QUEUED -> "queued";
            case RUNNING -> "in_progress";
            case SUCCEEDED -> "completed";
            case FAILED, CANCELLED -> "failed";
        };
        OpenAiVideo.Error error = null;
        if (job.status() == JobStatus.CANCELLED) {
            error = new OpenAiVideo.Error("cancelled", "the video was cancelled before it finished");
        } else if (job.error() != null) {
            error = new OpenAiVideo.Error(job.error().code(), job.error().message());
        }
        String size = job.output() != null ? job.output().width() + "x" + job.output().height() : job.resolution();
        boolean done = job.status().terminal();
        return new OpenAiVideo(job.id(), "video", job.model(), status, job.progress(), seconds(job.createdAt()),
                done ? seconds(job.finishedAt()) : null, null, job.prompt(), Integer.toString(job.duration()), size,
                null, error);
    }

    private static Long seconds(Instant at) {
        return at == null ? null : at.getEpochSecond();
    }

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw GatewayException.notFound("video");
        }
    }

    private static GatewayException invalid(String param, String message) {
        return GatewayException.invalidParam(param, message);
    }
}
