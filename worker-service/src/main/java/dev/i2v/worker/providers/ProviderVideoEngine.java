package dev.i2v.worker.providers;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.MeterRegistry;

import dev.i2v.contracts.InputImage;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.worker.engine.EngineException;
import dev.i2v.worker.engine.ImageDecoder;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.engine.VideoEngine.Attempt;

/**
 * A public model served by a provider: submits the task, polls it with growing pauses, and copies the
 * result into the output file at once (provider URLs expire). Transient provider trouble is retried
 * within the attempt a bounded number of times, then the attempt fails as retryable; moderation,
 * invalid input and account problems fail it for good (nothing is charged for a failed job).
 */
public final class ProviderVideoEngine implements VideoEngine {

    private final MeterRegistry meters;

    private static final Logger log = LoggerFactory.getLogger(ProviderVideoEngine.class);

    private final String model;
    private final String providerModel;
    private final ProviderAdapter adapter;
    private final Timings timings;
    private final Semaphore open;
    private final Function<String, String> publicLinks;
    private final ProviderTasks tasks;

    /**
     * @param firstPoll  pause before the first poll; later pauses grow by half up to {@code maxPoll}
     * @param maxErrors  transient errors in a row before the attempt gives up
     * @param deadline   the longest an attempt waits for the provider
     */
    public record Timings(Duration firstPoll, Duration maxPoll, int maxErrors, Duration deadline) {
    }

    /**
     * @param open        the provider's open-task limit, shared by all its models: a job waits here for its turn
     * @param publicLinks an image key's public link, or {@code null} where links are not configured
     * @param meters      where provider errors are counted ({@code i2v_provider_errors_total{provider,kind}})
     * @param tasks       where each attempt's task id is recorded and looked up (requests without an attempt skip it)
     */
    public ProviderVideoEngine(String model, String providerModel, ProviderAdapter adapter, Timings timings,
                               Semaphore open, Function<String, String> publicLinks,
                               MeterRegistry meters, ProviderTasks tasks) {
        this.tasks = tasks;
        this.meters = meters;
        this.model = model;
        this.providerModel = providerModel;
        this.adapter = adapter;
        this.timings = timings;
        this.open = open;
        this.publicLinks = publicLinks;
    }


    @Override
    public String model() {
        return model;
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public RenderedVideo render(VideoRequest request, Path output, ProgressListener progress) {
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted while waiting for a " + adapter.provider() + " slot",
                    true, e);
        }
        try {
            return run(request, output, progress);
        } finally {
            open.release();
        }
    }

    /**
     * The image is read and encoded only once this job has the provider's turn, and nothing keeps the encoding
     * after the create: a job that waits for its turn or for the provider holds no copy of its image.
     */
    private RenderedVideo run(VideoRequest request, Path output, ProgressListener progress) {
        long deadline = System.nanoTime() + timings.deadline().toNanos();
        Attempt attempt = request.attempt();
        Optional<JobsApi.ProviderTask> known = attempt == null ? Optional.empty() : recorded(attempt, deadline);
        String task = known.isPresent() ? resumed(attempt, known.get()) : submit(providerRequest(request), deadline);
        try {
            boolean unrecorded = known.isEmpty() && attempt != null && !record(attempt, task);
            return await(task, output, progress, deadline, unrecorded ? attempt : null);
        } catch (EngineException e) {
            if (e instanceof EngineException.AttemptOver
                    || Thread.currentThread().isInterrupted() && attemptEnded(attempt, task)) {
                cancelStopped(task);
            }
            throw e;
        }
    }

    /**
     * Whether a stopped job's attempt has ended, so that its task may be cancelled. A job is stopped because it was
     * cancelled — then its task is waste — or because it was handed over (a drain, a lost lease) — then the next
     * delivery resumes this very task, which must live on. job-service says which; when it cannot, the task is
     * left running (a result nobody collects costs less than a handed-over job failing on a cancelled task).
     */
    private boolean attemptEnded(Attempt attempt, String task) {
        if (attempt == null) {
            return true;
        }
        boolean interrupted = Thread.interrupted(); // the HTTP client refuses to send from an interrupted thread
        try {
            tasks.find(attempt);
            log.info("attempt {} was handed over: {} task {} is left for its next delivery", attempt.number(),
                    adapter.provider(), task);
            return false;
        } catch (ProviderTasks.AttemptOver e) {
            return true;
        } catch (ProviderTasks.Unavailable e) {
            log.warn("could not learn whether attempt {} ended ({}); {} task {} is left running", attempt.number(),
                    e.getMessage(), adapter.provider(), task);
            return false;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The task an earlier delivery of this attempt created (a crash, a freeze, a drain), looked up before any
     * create; an attempt that is over (cancelled or deleted while queued, finished, superseded) calls no provider.
     */
    private Optional<JobsApi.ProviderTask> recorded(Attempt attempt, long deadline) {
        int errors = 0;
        while (true) {
            try {
                return tasks.find(attempt);
            } catch (ProviderTasks.AttemptOver e) {
                throw new EngineException.AttemptOver(e.getMessage());
            } catch (ProviderTasks.Unavailable e) {
                if (++errors >= timings.maxErrors()) {
                    throw new EngineException("job_service_unavailable", "could not learn whether attempt "
                            + attempt.number() + " has a " + adapter.provider() + " task: " + e.getMessage(), true, e);
                }
                sleep(backoff(errors));
                checkDeadline(deadline);
            }
        }
    }

    private String resumed(Attempt attempt, JobsApi.ProviderTask known) {
        if (!adapter.provider().equals(known.provider())) {
            // the model's provider changed since: that task cannot be polled from here, and a new one would be a second
            throw new EngineException("provider_task_elsewhere", "attempt " + attempt.number() + " has a task at "
                    + known.provider() + ", not " + adapter.provider(), false);
        }
        log.info("delivery {} of attempt {} resumes {} task {} created by delivery {}; no new task is created",
                attempt.delivery(), attempt.number(), adapter.provider(), known.taskId(), known.delivery());
        return known.taskId();
    }

    /**
     * Records the new task with job-service; false when it could not be now (it is tried again at each poll). A
     * refusal means the attempt is no longer this worker's: {@link #run} cancels the task.
     */
    private boolean record(Attempt attempt, String task) {
        try {
            tasks.record(attempt, adapter.provider(), task);
            return true;
        } catch (ProviderTasks.AttemptOver e) {
            log.warn("{} task {} was created for attempt {} that is no longer ours ({}); cancelling it",
                    adapter.provider(), task, attempt.number(), e.getMessage());
            throw new EngineException.AttemptOver(e.getMessage());
        } catch (ProviderTasks.Unavailable e) {
            log.warn("could not record {} task {} of attempt {} yet: {}", adapter.provider(), task, attempt.number(),
                    e.getMessage());
            return false;
        }
    }

    /**
     * The job was stopped (cancelled, or lost to another worker): its task is cancelled where the provider has a
     * cancel. The HTTP client refuses to send from an interrupted thread, so the flag is set aside for the call.
     */
    private void cancelStopped(String task) {
        boolean interrupted = Thread.interrupted();
        try {
            adapter.cancel(task);
            log.info("asked {} to cancel task {} of a stopped job (where its API has a cancel)", adapter.provider(), task);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The image's size comes with the job from intake; only a job recorded before intake carried it is decoded
     * to learn it (an unreadable image fails here, for good, before any provider is called).
     */
    private ProviderAdapter.ProviderRequest providerRequest(VideoRequest request) {
        InputImage input = request.input();
        byte[] image = request.image();
        int[] size = input != null && input.width() > 0 && input.height() > 0
                ? new int[] {input.width(), input.height()} : decodedSize(image);
        String link = input == null ? null : publicLinks.apply(input.key());
        return new ProviderAdapter.ProviderRequest(providerModel, request.prompt(), dataUri(image), link,
                size[0], size[1], request.durationSeconds(), request.resolution(), request.promptOptimizer());
    }

    private static int[] decodedSize(byte[] image) {
        BufferedImage decoded = ImageDecoder.decode(image);
        return new int[] {decoded.getWidth(), decoded.getHeight()};
    }

    private String submit(ProviderAdapter.ProviderRequest call, long deadline) {
        int errors = 0;
        while (true) {
            try {
                return adapter.submit(call);
            } catch (ProviderException e) {
                errors = onError(e, errors, deadline);
            }
        }
    }

    /** Polls until the task ends; {@code unrecorded} is an attempt whose task job-service does not know yet. */
    private RenderedVideo await(String task, Path output, ProgressListener progress, long deadline,
                                Attempt unrecorded) {
        Duration pause = timings.firstPoll();
        int errors = 0;
        int expired = 0;
        while (true) {
            sleep(pause);
            if (unrecorded != null && record(unrecorded, task)) {
                unrecorded = null;
            }
            pause = min(pause.multipliedBy(3).dividedBy(2), timings.maxPoll());
            ProviderAdapter.TaskState state;
            try {
                state = adapter.poll(task);
                errors = 0;
            } catch (ProviderException e) {
                errors = onError(e, errors, deadline);
                continue;
            }
            switch (state) {
                case ProviderAdapter.TaskState.Pending pending -> {
                    if (pending.progress() > 0 && pending.progress() < 100) {
                        progress.progress(pending.progress());
                    }
                    checkDeadline(deadline);
                }
                case ProviderAdapter.TaskState.Failed failed -> throw mapped(failed.failure());
                case ProviderAdapter.TaskState.Succeeded succeeded -> {
                    try {
                        return copy(succeeded.resultUrl(), output);
                    } catch (ProviderException e) {
                        if (e.kind() == ProviderException.Kind.EXPIRED && ++expired <= 2) {
                            log.info("result of task {} expired before download; asking {} again", task,
                                    adapter.provider());
                            continue;
                        }
                        errors = onError(e, errors, deadline);
                    }
                }
            }
        }
    }

    /** Decides about one failed call: wait and go on (returns the new error count) or give up (throws). */
    private int onError(ProviderException e, int errors, long deadline) {
        meters.counter("i2v.provider.errors", "provider", adapter.provider(),
                "kind", e.kind().name().toLowerCase(Locale.ROOT)).increment();
        switch (e.kind()) {
            case TRANSIENT, EXPIRED -> {
                if (errors + 1 >= timings.maxErrors()) {
                    throw new EngineException("provider_unavailable", adapter.provider() + ": " + e.getMessage(), true, e);
                }
                sleep(backoff(errors));
                checkDeadline(deadline);
                return errors + 1;
            }
            case OUTCOME_UNKNOWN -> {
                // nobody can tell whether the provider bills a task for this job: fail it (its points come back)
                // rather than pay twice, and say so where operators look
                log.error("{} create outcome unknown: {}; the job fails as provider_outcome_unknown; check the "
                        + "{} account for an orphaned task", adapter.provider(), e.getMessage(), adapter.provider());
                throw new EngineException("provider_outcome_unknown", e.getMessage(), false, e);
            }
            case RATE_LIMITED -> {
                sleep(e.retryAfter() != null ? e.retryAfter() : timings.maxPoll());
                checkDeadline(deadline);
                return errors;
            }
            default -> throw mapped(e);
        }
    }

    private EngineException mapped(ProviderException e) {
        String message = adapter.provider() + " " + e.code() + ": " + e.getMessage();
        return switch (e.kind()) {
            case MODERATION -> new EngineException("moderation_blocked", message, false, e);
            case INVALID_INPUT -> new EngineException("invalid_input", message, false, e);
            case ACCOUNT -> {
                log.error("OPERATOR ACTION NEEDED: {} refused our account: {}", adapter.provider(), message);
                yield new EngineException("provider_account_error", message, false, e);
            }
            default -> new EngineException("provider_unavailable", message, true, e);
        };
    }

    private RenderedVideo copy(String url, Path output) {
        try (InputStream in = adapter.download(url)) {
            Files.copy(in, output, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ProviderException(ProviderException.Kind.TRANSIENT, "download", e.getMessage());
        }
        return probe(output);
    }

    /** The real size and duration of what the provider made, read from the file. */
    private static RenderedVideo probe(Path video) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            return new RenderedVideo(grabber.getImageWidth(), grabber.getImageHeight(),
                    Math.round(grabber.getLengthInTime() / 1e4) / 100.0, "video/mp4");
        } catch (Exception e) {
            throw new EngineException("provider_bad_output", "the provider's result is not a readable video", true, e);
        }
    }

    private void checkDeadline(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new EngineException("provider_timeout", adapter.provider() + " did not finish within "
                    + timings.deadline(), true);
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted", true, e);
        }
    }

    /** The pause after {@code errors} failed calls in a row: doubling from the first poll's, at most the longest poll's. */
    private Duration backoff(int errors) {
        return min(timings.firstPoll().multipliedBy(1L << Math.min(errors, 5)), timings.maxPoll());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String dataUri(byte[] image) {
        String type = image.length > 3 && (image[0] & 0xFF) == 0xFF ? "image/jpeg"
                : image.length > 3 && image[0] == 'R' ? "image/webp" : "image/png";
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(image);
    }
}
