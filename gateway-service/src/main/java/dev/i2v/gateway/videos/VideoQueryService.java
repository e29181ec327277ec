package dev.i2v.gateway.videos;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.events.JobEventStreams;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.storage.ObjectStore;

/**
 * Reads an account's jobs and their videos; another account's job does not exist (404, never 403). Whether the
 * caller is served the watermark comes from one read-only source, the plan's entitlements, in every answer that
 * carries a job (get, list, event stream, cancel, and the OpenAI door built on these) and at download.
 */
@Service
public class VideoQueryService {

    private static final Logger log = LoggerFactory.getLogger(VideoQueryService.class);
    private static final int MAX_LIMIT = 100;

    private final JobsClient jobs;
    private final CreditsClient credits;
    private final ObjectStore store;
    private final JobEventStreams streams;
    private final WatermarkedRenditions renditions;

    VideoQueryService(JobsClient jobs, CreditsClient credits, ObjectStore store,
                      JobEventStreams streams, WatermarkedRenditions renditions) {
        this.renditions = renditions;
        this.jobs = jobs;
        this.credits = credits;
        this.store = store;
        this.streams = streams;
    }

    public VideoJson video(UUID accountId, UUID id) {
        return viewsFor(accountId).apply(owned(accountId, id));
    }

    public VideoPage list(UUID accountId, String status, String cursor, int limit) {
        return list(accountId, status, cursor, limit, false);
    }

    /** As above, oldest first when {@code oldestFirst}; the cursor is the last id of the previous page. */
    public VideoPage list(UUID accountId, String status, String cursor, int limit, boolean oldestFirst) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw GatewayException.invalid("invalid_request", "limit must be between 1 and " + MAX_LIMIT);
        }
        JobsClient.JobPage page = jobs.list(accountId, status, cursor, limit, oldestFirst);
        String next = page.nextCursor() == null || page.nextCursor().isEmpty() ? null : page.nextCursor();
        return new VideoPage(page.data().stream().map(viewsFor(accountId)).toList(), next);
    }

    /** The job's event stream, for its owner only. */
    SseEmitter events(UUID accountId, UUID id) {
        owned(accountId, id);
        Function<JobsApi.JobView, VideoJson> views = viewsFor(accountId);
        return streams.open(id, views::apply);
    }

    public VideoJson cancel(UUID accountId, UUID id) {
        owned(accountId, id);
        return viewsFor(accountId).apply(jobs.cancel(id));
    }

    /**
     * Deletes the job for its owner: cancelled first if it has not finished (points back), hidden from reads and
     * lists from now on, and its stored image and videos removed.
     */
    public void delete(UUID accountId, UUID id) {
        owned(accountId, id);
        JobsApi.DeletedJob deleted = jobs.delete(id);
        for (String key : deleted.objectKeys()) {
            try {
                store.delete(key);
            } catch (IOException e) {
                // the job is gone for its owner either way; a leftover object is only storage
                log.warn("could not delete {} of deleted job {}: {}", key, id, e.toString());
            }
        }
    }

    public StoredObjectResource content(UUID accountId, UUID id) {
        JobsApi.JobView job = owned(accountId, id);
        if (job.status() != JobStatus.SUCCEEDED || job.output() == null) {
            throw GatewayException.outputNotReady(job.status().wireName());
        }
        try {
            // the plan decides at download time: a free account never receives the clean master
            ObjectStore.StoredObject object = watermarked(accountId) ? renditions.of(job.id(), job.output().key())
                    : store.find(job.output().key()).orElseThrow(() -> GatewayException.notFound("video content"));
            return new StoredObjectResource(store, object);
        } catch (IOException e) {
            throw GatewayException.unavailable("video storage");
        }
    }

    /**
     * How this caller is shown jobs: the one place the plan's entitlements reach a video view. The watermark is
     * asked for once per answer, and only when a job with an output is shown.
     */
    private Function<JobsApi.JobView, VideoJson> viewsFor(UUID accountId) {
        AtomicReference<Boolean> watermark = new AtomicReference<>();
        return job -> {
            if (job.output() == null) {
                return VideoJson.of(job, false);
            }
            return VideoJson.of(job, watermark.updateAndGet(known -> known != null ? known : watermarked(accountId)));
        };
    }

    private boolean watermarked(UUID accountId) {
        return credits.entitlements(accountId).watermark();
    }

    private JobsApi.JobView owned(UUID accountId, UUID id) {
        JobsApi.JobView job = jobs.get(id);
        if (!job.accountId().equals(accountId)) {
            throw GatewayException.notFound("video");
        }
        return job;
    }

    /** A page of the public list. */
    public record VideoPage(List<VideoJson> data, String nextCursor) {
    }
}
