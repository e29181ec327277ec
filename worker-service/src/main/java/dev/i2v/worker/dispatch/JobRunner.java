package dev.i2v.worker.dispatch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.ObjectKeys;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.VideoOutput;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.kit.TraceContexts;
import dev.i2v.media.WatermarkException;
import dev.i2v.media.Watermarker;
import dev.i2v.storage.ObjectStore;
import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.EngineSource;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.prompts.PromptRewriter;
import dev.i2v.worker.reporting.WorkReporter;

/** Runs one attempt of a job from start to a reported outcome. Job failures are reported, not thrown. */
@Component
class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final Map<String, VideoEngine> engines;
    private final ObjectStore store;
    private final WorkReporter reporter;
    private final Clock clock;
    private final Watermarker watermarker = new Watermarker(Watermarker.BADGE_TEXT);
    private final PromptRewriter rewriter;

    private final TraceContexts traces;
    private final CpuSlots cpu;

    JobRunner(List<VideoEngine> engines, List<EngineSource> sources, ObjectStore store, WorkReporter reporter,
              Clock clock, PromptRewriter rewriter, TraceContexts traces, CpuSlots cpu) {
        this.cpu = cpu;
        this.rewriter = rewriter;
        this.traces = traces;
        this.engines = Stream.concat(engines.stream(), sources.stream().flatMap(s -> s.engines().stream()))
                .collect(Collectors.toMap(VideoEngine::model, Function.identity()));
        this.store = store;
        this.reporter = reporter;
        this.clock = clock;
    }

    /** Whether the model's engine waits on a hosted provider (no CPU slot while it waits) rather than rendering here. */
    boolean isRemote(String model) {
        VideoEngine engine = engines.get(model);
        return engine != null && engine.remote();
    }

    /**
     * Runs one claim ({@code delivery}) of one attempt; its start was recorded by the claim. When the thread is
     * interrupted (the job was cancelled, or this worker lost the job's lease) it reports nothing more: the job
     * ended elsewhere or another worker owns it.
     */
    void run(JobDispatched job, int delivery, String workerId, String traceparent) {
        // the job's work continues the submit's trace (the dispatch record carries it), and every log line of
        // the job carries its ids (in the JSON logs as fields)
        traces.run(traceparent, "job " + job.model(), () -> {
            try (var jobId = MDC.putCloseable("job_id", job.jobId().toString());
                 var accountId = MDC.putCloseable("account_id", String.valueOf(job.accountId()));
                 var model = MDC.putCloseable("model", job.model())) {
                runLogged(job, delivery, workerId);
            }
        });
    }

    private void runLogged(JobDispatched job, int delivery, String workerId) {
        long started = System.nanoTime();
        try {
            VideoOutput output = render(job, delivery);
            reporter.report(new WorkEvent.WorkSucceeded(UUID.randomUUID(), job.jobId(), job.attempt(), delivery, output,
                    clock.instant()));
            log.info("job {} attempt {}/{} succeeded in {} ms ({}x{}, {} s)", job.jobId(), job.attempt(), delivery,
                    (System.nanoTime() - started) / 1_000_000, output.width(), output.height(), output.durationSeconds());
        } catch (EngineException e) {
            if (Thread.currentThread().isInterrupted() || e instanceof EngineException.AttemptOver) {
                log.info("job {} attempt {}/{} stopped: {}", job.jobId(), job.attempt(), delivery, e.getMessage());
                return;
            }
            log.warn("job {} attempt {}/{} failed: {} {}", job.jobId(), job.attempt(), delivery, e.code(), e.getMessage());
            reporter.report(new WorkEvent.WorkFailed(UUID.randomUUID(), job.jobId(), job.attempt(), delivery, e.code(),
                    e.getMessage(), e.retryable(), clock.instant()));
        }
    }

    /**
     * The prompt after our rewrite, for a job that asked for the optimizer on a model without one of its
     * own; {@code null} when not rewritten (models with their own optimizer get the flag instead).
     */
    private String optimizedPrompt(JobDispatched job) {
        boolean own = ModelCatalogue.find(job.model()).map(ModelSpec::promptOptimizer).orElse(false);
        if (!job.promptOptimizer() || own) {
            return null;
        }
        return rewriter.rewrite(job.prompt()).orElse(null);
    }

    private VideoOutput render(JobDispatched job, int delivery) {
        VideoEngine engine = engines.get(job.model());
        if (engine == null) {
            throw new EngineException("unsupported_model", "no engine for model '" + job.model() + "'", false);
        }
        Path temp = null;
        try {
            String optimized = optimizedPrompt(job);
            temp = Files.createTempFile("i2v-" + job.jobId(), ".mp4");
            VideoEngine.RenderedVideo video = engine.render(
                    new VideoEngine.VideoRequest(() -> readImage(job), optimized != null ? optimized : job.prompt(),
                            job.durationSeconds(), job.resolution(), job.promptOptimizer(), job.image(),
                            new VideoEngine.Attempt(job.jobId(), job.attempt(), delivery)),
                    temp, percent -> reporter.report(new WorkEvent.WorkProgressed(UUID.randomUUID(), job.jobId(),
                            job.attempt(), delivery, percent, clock.instant())));
            Path rendered = temp;
            // a local render holds its CPU slot already; a hosted job takes one only for this
            return engine.remote() ? cpu.during(() -> finish(job, video, rendered, optimized))
                    : finish(job, video, rendered, optimized);
        } catch (IOException e) {
            throw new EngineException("storage_error", "could not store the video: " + e.getMessage(), true, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Stores the video, and its watermarked rendition if the job's plan shows one: re-encoding a clip is most of
     * a zero-latency job's CPU, spent for nothing on plans that never serve it (the gateway makes the rendition on
     * first download if the account's plan changes to one with a watermark later).
     */
    private VideoOutput finish(JobDispatched job, VideoEngine.RenderedVideo video, Path rendered, String optimized) {
        Path watermarked = null;
        try {
            String key = ObjectKeys.video(job.jobId());
            ObjectStore.StoredObject stored = store(key, rendered, video.contentType());
            String markedKey = null;
            if (job.watermarked()) {
                markedKey = ObjectKeys.watermarkedVideo(job.jobId());
                watermarked = Files.createTempFile("i2v-" + job.jobId(), ".marked.mp4");
                mark(rendered, watermarked);
                store(markedKey, watermarked, video.contentType());
            }
            return new VideoOutput(key, video.contentType(), stored.sizeBytes(), video.width(), video.height(),
                    video.durationSeconds(), markedKey, optimized);
        } catch (IOException e) {
            throw new EngineException("storage_error", "could not store the video: " + e.getMessage(), true, e);
        } finally {
            deleteQuietly(watermarked);
        }
    }

    private void mark(Path master, Path output) {
        try {
            watermarker.apply(master, output);
        } catch (WatermarkException e) {
            throw new EngineException("watermark_failed", e.getMessage(), true, e);
        }
    }

    private ObjectStore.StoredObject store(String key, Path file, String contentType) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return store.put(key, in, contentType);
        }
    }

    private byte[] readImage(JobDispatched job) {
        try {
            if (store.find(job.image().key()).isEmpty()) {
                throw new EngineException("input_missing", "the input image is no longer stored", false);
            }
            try (InputStream in = store.open(job.image().key())) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new EngineException("storage_error", "could not read the input image: " + e.getMessage(), true, e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.debug("could not delete {}", file, e);
            }
        }
    }
}
