package dev.i2v.gateway.videos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.github.f4b6a3.uuid.UuidCreator;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.idempotency.IdempotentRequests;
import dev.i2v.gateway.images.ImageInspector;
import dev.i2v.gateway.images.ImageUrlFetcher;
import dev.i2v.gateway.models.ModelCatalog;
import dev.i2v.gateway.pauses.ActivePauses;
import dev.i2v.gateway.problems.GatewayException;
import dev.i2v.storage.ObjectStore;

/**
 * Submits a video job: validate everything first, then price and hold in one credits call, store the image and
 * create the job. A step that fails undoes the steps before it (delete the image, release the hold).
 */
@Service
public class SubmitVideoService {

    private static final Logger log = LoggerFactory.getLogger(SubmitVideoService.class);

    private final ImageInspector images;
    private final ModelCatalog catalog;
    private final CreditsClient credits;
    private final JobsClient jobs;
    private final ObjectStore store;
    private final GatewayProperties properties;
    private final IdempotentRequests idempotent;
    private final ImageUrlFetcher imageUrls;
    private final ActivePauses pauses;

    SubmitVideoService(ImageInspector images, ModelCatalog catalog, CreditsClient credits, JobsClient jobs,
                       ObjectStore store, GatewayProperties properties, IdempotentRequests idempotent,
                       ImageUrlFetcher imageUrls, ActivePauses pauses) {
        this.pauses = pauses;
        this.idempotent = idempotent;
        this.imageUrls = imageUrls;
        this.images = images;
        this.catalog = catalog;
        this.credits = credits;
        this.jobs = jobs;
        this.store = store;
        this.properties = properties;
    }

    /** Submits once per {@code idempotencyKey} (may be null): a retry gets the first answer again. */
    public IdempotentRequests.Outcome<VideoJson> submit(UUID accountId, VideoRequest request, String idempotencyKey) {
        return idempotent.run(accountId, idempotencyKey, request::fingerprint, VideoJson.class,
                jobId -> submit(accountId, request, jobId));
    }

    /**
     * Submits {@code request} again as the requeue of the failed job {@code failedJobId}: checked, priced, held and
     * stored as a new submit is (the plan, prices, pauses and catalogue of now apply), under a new job id.
     * job-service creates it only if the failed job was not requeued before; else the hold and image are undone and
     * its 409 answered.
     */
    public VideoJson resubmit(UUID accountId, VideoRequest request, UUID failedJobId) {
        return submit(accountId, request, UuidCreator.getTimeOrderedEpoch(), create -> jobs.requeue(failedJobId, create));
    }

    private VideoJson submit(UUID accountId, VideoRequest request, UUID jobId) {
        return submit(accountId, request, jobId, jobs::create);
    }

    /** Holds and creates under {@code jobId}: both are idempotent by it, so a resumed submit does each once. */
    private VideoJson submit(UUID accountId, VideoRequest request, UUID jobId,
                             Function<JobsApi.CreateJob, JobsApi.JobView> creator) {
        VideoOptions options = VideoOptions.resolve(request, catalog, properties.prompt());
        pauses.checkAccepting(options.model().id(), options.lane());
        ImageInspector.InspectedImage image = images.inspect(requireImage(request));
        CreditsApi.HoldView hold = credits.hold(new CreditsApi.PlaceHold(jobId, accountId, options.model().id(),
                options.duration(), options.resolution(), options.lane()));
        long cost = hold.amount();
        String imageKey = ObjectKeys.inputImage(jobId, image.format().extension());
        try {
            storeImage(imageKey, image);
        } catch (RuntimeException e) {
            undoHold(jobId);
            throw e;
        }
        try {
            InputImage input = new InputImage(imageKey, image.format().contentType(), image.width(), image.height());
            VideoJson job = VideoJson.withoutOutput(creator.apply(new JobsApi.CreateJob(jobId, accountId, options.model().id(),
                    options.prompt(), options.duration(), options.resolution(), options.lane(), cost, input,
                    request.webhookUrl(), options.promptOptimizer(), hold.parallelJobs(),
                    hold.queueTimeoutSeconds(), hold.turnWeight(), hold.watermark())));
            log.info("job {} accepted for account {}: {} {} s {}, {} points held", jobId, accountId,
                    options.model().id(), options.duration(), options.resolution(), cost);
            return job;
        } catch (RuntimeException e) {
            return afterFailedCreate(jobId, imageKey, e);
        }
    }

    /**
     * A create that failed may still have been recorded (a timeout after job-service committed): undoing its hold
     * then would give a free video. So job-service is asked first; only a job it does not have is undone.
     */
    private VideoJson afterFailedCreate(UUID jobId, String imageKey, RuntimeException failure) {
        Optional<JobsApi.JobView> recorded;
        try {
            recorded = jobs.find(jobId);
        } catch (RuntimeException unknown) {
            log.warn("job {} may have been created: its hold and image are kept for the hold sweeper to settle", jobId);
            throw GatewayException.outcomeUnknown("job-service");
        }
        if (recorded.isPresent()) {
            log.info("job {} was created although its answer was lost", jobId);
            return VideoJson.withoutOutput(recorded.get());
        }
        undoHold(jobId);
        deleteQuietly(imageKey);
        throw failure;
    }

    CreditsApi.Quote quote(UUID accountId, VideoRequest request) {
        return quote(accountId, VideoOptions.resolve(request, catalog, properties.prompt()));
    }

    private CreditsApi.Quote quote(UUID accountId, VideoOptions options) {
        return credits.quote(new CreditsApi.QuoteRequest(accountId, options.model().id(), options.duration(),
                options.resolution(), options.lane()));
    }

    private byte[] requireImage(VideoRequest request) {
        if (request.image() != null) {
            return request.image();
        }
        if (request.imageUrl() != null) {
            return imageUrls.fetch(request.imageUrl());
        }
        throw GatewayException.invalid("invalid_image", "an image is required: a multipart 'image' file or a JSON data URI");
    }

    private void storeImage(String key, ImageInspector.InspectedImage image) {
        try {
            store.put(key, new ByteArrayInputStream(image.bytes()), image.format().contentType());
        } catch (IOException e) {
            log.error("could not store image {}", key, e);
            throw GatewayException.unavailable("image storage");
        }
    }

    private void undoHold(UUID jobId) {
        try {
            credits.release(jobId);
        } catch (RuntimeException e) {
            // the hold's time-to-live sweeper releases it later; the points are not lost
            log.warn("could not release the hold of job {} after a failed create: {}", jobId, e.toString());
        }
    }

    private void deleteQuietly(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            log.warn("could not delete {} after a failed submit", key, e);
        }
    }
}
