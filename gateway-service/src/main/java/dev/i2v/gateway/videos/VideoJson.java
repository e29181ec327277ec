package dev.i2v.gateway.videos;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.Lane;
import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.api.JobsApi;

/** The public job object of {@code /v1/videos}; other doors into the same jobs (the OpenAI-compatible one) map from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VideoJson(String id, String object, JobStatus status, String model, String prompt, String promptOptimized,
                 int duration, String resolution,
                 Lane lane, long cost, int progress, Integer queuePosition, Integer etaSeconds, Instant createdAt,
                 Instant startedAt,
                 Instant finishedAt, ErrorJson error, OutputJson output) {

    public record ErrorJson(String code, String message) {
    }

    /** @param watermarked whether {@code content_url} serves a watermarked rendition */
    public record OutputJson(String contentUrl, int width, int height, double duration, boolean watermarked) {
    }

    /** A job that has no output yet (just created): nothing to watermark. */
    static VideoJson withoutOutput(JobsApi.JobView job) {
        if (job.output() != null) {
            throw new IllegalArgumentException("job " + job.id() + " has an output: say whether it is watermarked");
        }
        return of(job, false);
    }

    /** @param watermarked whether the caller's plan is served the watermarked rendition */
    static VideoJson of(JobsApi.JobView job, boolean watermarked) {
        return new VideoJson(job.id().toString(), "video", job.status(), job.model(), job.prompt(),
                job.output() == null ? null : job.output().optimizedPrompt(), job.durationSeconds(), job.resolution(), job.lane(), job.cost(), job.progress(), job.queuePosition(),
                job.etaSeconds(), job.createdAt(),
                job.startedAt(), job.finishedAt(),
                job.error() == null ? null : new ErrorJson(job.error().code(), job.error().message()),
                job.output() == null ? null : new OutputJson(ObjectKeys.contentPath(job.id()),
                        job.output().width(), job.output().height(), job.output().durationSeconds(),
                        watermarked));
    }
}
