package dev.i2v.worker.providers;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
 * A public model served by hosted providers, along one or more routes (provider accounts) with failover before a
 * task exists: submits the task, polls it with growing pauses (cut short by the provider's callback), and copies the
 * result into the output file at once (provider URLs expire). Transient provider trouble is retried
 * within the attempt a bounded number of times, then the attempt fails as retryable; moderation,
 * invalid input and account problems fail it for good (nothing is charged for a failed job).
 */
public final class ProviderVideoEngine implements VideoEngine {

    private static final Logger log = LoggerFactory.getLogger(ProviderVideoEngine.class);

    private final MeterRegistry meters;
    private final String model;
    private final ProviderModels providerModels;
    private final ProviderRoutes routes;
    private final Timings timings;
    private final Function<String, String> publicLinks;
    private final ProviderTasks tasks;
    private final TaskCallbacks callbacks;

    /**
     * @param firstPoll   pause before the first poll; later pauses grow by half up to {@code maxPoll}
     * @param maxErrors   transient errors in a row before the attempt gives up
     * @param deadline    the longest an attempt waits for the provider
     * @param outageGrace how long polls of a task that exists may keep failing before the attempt gives up (with
     *                    {@code maxErrors} reached too): the task is paid for, and giving up means a new attempt
     *                    pays for another, so a provider's outage is waited out this long
     */
    public record Timings(Duration firstPoll, Duration maxPoll, int maxErrors, Duration deadline,
                          Duration outageGrace) {

        /** Giving up after {@code maxErrors} failed polls in a row, however short the outage. */
        public Timings(Duration firstPoll, Duration maxPoll, int maxErrors, Duration deadline) {
            this(firstPoll, maxPoll, maxErrors, deadline, Duration.ZERO);
        }
    }

    /**
     * @param routes      the model's routes (provider accounts) in the operator's order; new tasks fail over along
     *                    them before a task exists, never after
     * @param publicLinks an image key's public link, or {@code null} where links are not configured
     * @param meters      where provider errors are counted ({@code i2v_provider_errors_total{provider,kind}})
     * @param tasks       where each attempt's task id is recorded and looked up (requests without an attempt skip it)
     * @param callbacks   callback links for creates, and the waits between polls that a callback cuts short
     */
    public ProviderVideoEngine(String model, List<ProviderRoute> routes, Timings timings,
                               Function<String, String> publicLinks, MeterRegistry meters, ProviderTasks tasks,
                               TaskCallbacks callbacks) {
        this(model, routes, timings, publicLinks, meters, tasks, callbacks, ProviderModels.FIXED);
    }

    /** @param providerModels the provider model id each new task is created with (the catalogue's, as data) */
    public ProviderVideoEngine(String model, List<ProviderRoute> routes, Timings timings,
                               Function<String, String> publicLinks, MeterRegistry meters, ProviderTasks tasks,
                               TaskCallbacks callbacks, ProviderModels providerModels) {
        this.providerModels = providerModels;
        this.model = model;
        this.routes = new ProviderRoutes(routes);
        this.timings = timings;
        this.publicLinks = publicLinks;
        this.meters = meters;
        this.tasks = tasks;
        this.callbacks = callbacks;
    }

    /** One route, polling alone. */
    public ProviderVideoEngine(String model, String providerModel, ProviderAdapter adapter, Timings timings,
                               Semaphore open, Function<String, String> publicLinks,
                               MeterRegistry meters, ProviderTasks tasks) {
        this(model, List.of(ProviderRoute.single(adapter, providerModel, open)), timings, publicLinks, meters, tasks,
                TaskCallbacks.none());
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
        long deadline = System.nanoTime() + timings.deadline().toNanos();
        Attempt attempt = request.attempt();
        try {
            Optional<JobsApi.ProviderTask> known = attempt == null ? Optional.empty() : recorded(attempt, deadline);
            if (known.isPresent()) {
                ProviderRoute route = resumedRoute(attempt, known.get());
                acquire(route.open());
                try {
                    return followOwned(route, known.get().taskId(), attempt, false, output, progress, deadline);
                } finally {
                    route.open().release();
                }
            }
            return createAndFollow(request, output, progress, deadline);
        } finally {
            callbacks.forget(attempt);
        }
    }

    /**
     * Creates the task on the first route that takes it — moving on to the next route only while no task exists
     * anywhere — then follows it. The image is read and encoded only once this job has a route's turn, and nothing
     * keeps the encoding after the create: a job waiting for its turn or its task holds no copy of its image.
     */
    private RenderedVideo createAndFollow(VideoRequest request, Path output, ProgressListener progress,
                                          long deadline) {
        Attempt attempt = request.attempt();
        ProviderAdapter.ProviderRequest call = null;
        int errors = 0;
        ProviderRoute route = chooseRoute(null, errors, deadline);
        while (true) {
            ProviderException failure = null;
            acquire(route.open(), route);
            try {
                if (call == null) {
                    call = providerRequest(request);
                }
                awaitSlot(attempt, route, deadline);
                long started = System.nanoTime();
                String task;
                try {
                    task = route.adapter().submit(call.forRoute(providerModels.providerModel(model, route),
                            callbacks.link(route.adapter().provider(), attempt)));
                    route.worked(started);
                } catch (ProviderException e) {
                    outcome(route, e, started);
                    failure = e;
                    task = null;
                    releaseSlot(attempt, route);
                }
                if (task != null) {
                    call = null;
                    // recorded inside followOwned: a refused record must cancel the task it just created
                    return followOwned(route, task, attempt, attempt != null, output, progress, deadline);
                }
            } finally {
                route.open().release();
            }
            errors = afterCreateFailure(route, failure, errors, deadline);
            ProviderRoute next = chooseRoute(route, errors, deadline);
            if (next == route) {
                sleep(failure.kind() == ProviderException.Kind.RATE_LIMITED
                        ? (failure.retryAfter() != null ? failure.retryAfter() : timings.maxPoll()) : backoff(errors));
                checkDeadline(deadline);
            } else {
                log.info("{} failed a create for {} ({}); no task exists, so the job moves to route {}", route.name(),
                        model, failure.getMessage(), next.name());
            }
            route = next;
        }
    }

    /**
     * Follows the attempt's task. A stopped job cancels it only if its attempt has ended (a handed-over one leaves it
     * to the next delivery); an attempt that gives up on it (an outage past its grace, the deadline) cancels it too,
     * where the provider has a cancel, since the next attempt will pay for a task of its own.
     */
    private RenderedVideo followOwned(ProviderRoute route, String task, Attempt attempt, boolean unrecorded,
                                      Path output, ProgressListener progress, long deadline) {
        try {
            return follow(route, task, attempt, unrecorded, output, progress, deadline);
        } catch (EngineException e) {
            boolean stopped = Thread.currentThread().isInterrupted();
            if (e instanceof EngineException.AttemptOver || stopped && attemptEnded(attempt, route, task)
                    || !stopped && GIVEN_UP.contains(e.code())) {
                cancelStopped(route, task);
            }
            throw e;
        }
    }

    /** Codes with which an attempt gives up on a task that may still run (and be billed) at the provider. */
    private static final Set<String> GIVEN_UP = Set.of("provider_unavailable", "provider_timeout");

    /** A route for the next create: one whose breaker admits it; while every breaker is open, waits (bounded). */
    private ProviderRoute chooseRoute(ProviderRoute avoid, int errors, long deadline) {
        while (true) {
            Optional<ProviderRoute> chosen = routes.choose(avoid);
            if (chosen.isPresent()) {
                return chosen.get();
            }
            meters.counter("i2v.provider.routes.exhausted", "model", model).increment();
            if (++errors >= timings.maxErrors()) {
                throw new EngineException("provider_unavailable", "every route of " + model
                        + " is open after failures (" + routes.all().stream().map(ProviderRoute::name).toList()
                        + "); no task was created", true);
            }
            sleep(backoff(errors));
            checkDeadline(deadline);
        }
    }

    /**
     * Waits for the route's deployment-wide budget (job-service) before a create: a job over it waits here and asks
     * again when told, instead of meeting the provider's 429. The scheduler admits a budgeted model's jobs only while
     * its routes have room, so this wait is short; it covers retries and failovers, which make creates of their own.
     */
    private void awaitSlot(Attempt attempt, ProviderRoute route, long deadline) {
        if (attempt == null) {
            return;
        }
        int errors = 0;
        while (true) {
            try {
                JobsApi.RouteSlot slot = tasks.acquireSlot(attempt, route.name());
                if (slot.granted()) {
                    return;
                }
                meters.counter("i2v.provider.budget.waits", "route", route.name(), "reason",
                        String.valueOf(slot.reason())).increment();
                sleep(Duration.ofMillis(Math.clamp(slot.retryAfterMillis(), 50, timings.maxPoll().toMillis())));
            } catch (ProviderTasks.AttemptOver | ProviderTasks.HandedOver e) {
                throw new EngineException.AttemptOver(e.getMessage()); // nothing created: nothing to cancel
            } catch (ProviderTasks.Unavailable e) {
                if (++errors >= timings.maxErrors()) {
                    throw new EngineException("job_service_unavailable", "could not ask for a slot of "
                            + route.name() + ": " + e.getMessage(), true, e);
                }
                sleep(backoff(errors));
            }
            checkDeadline(deadline);
        }
    }

    private void releaseSlot(Attempt attempt, ProviderRoute route) {
        if (attempt != null) {
            tasks.releaseSlot(attempt, route.name());
        }
    }

    /** Tells the route's breaker what a call's failure says about the route. */
    private static void outcome(ProviderRoute route, ProviderException e, long started) {
        switch (e.kind()) {
            case TRANSIENT, EXPIRED, ACCOUNT, OUTCOME_UNKNOWN -> route.failed(started, e);
            default -> route.worked(started); // a refusal of this input or a rate limit: the route itself works
        }
    }

    /** After a create that made no task: returns the new error count, or throws when the job cannot go on. */
    private int afterCreateFailure(ProviderRoute route, ProviderException e, int errors, long deadline) {
        countError(route, e);
        switch (e.kind()) {
            case TRANSIENT, EXPIRED -> {
                if (errors + 1 >= timings.maxErrors()) {
                    throw new EngineException("provider_unavailable", route.name() + ": " + e.getMessage(), true, e);
                }
                return errors + 1;
            }
            case RATE_LIMITED -> {
                checkDeadline(deadline);
                return errors;
            }
            case ACCOUNT -> {
                log.error("OPERATOR ACTION NEEDED: {} refused our account: {} {}", route.name(), e.code(),
                        e.getMessage());
                if (routes.all().size() > 1 && errors + 1 < timings.maxErrors()) {
                    return errors + 1; // another account or provider may take it: nothing was created here
                }
                throw mapped(route, e);
            }
            case OUTCOME_UNKNOWN -> throw outcomeUnknown(route, e);
            default -> throw mapped(route, e);
        }
    }

    /**
     * Whether a stopped job's attempt has ended, so that its task may be cancelled. A job is stopped because it was
     * cancelled — then its task is waste — or because it was handed over (a drain, a lost lease) — then the next
     * delivery resumes this very task, which must live on. job-service says which; when it cannot, the task is
     * left running (a result nobody collects costs less than a handed-over job failing on a cancelled task).
     */
    private boolean attemptEnded(Attempt attempt, ProviderRoute route, String task) {
        if (attempt == null) {
            return true;
        }
        boolean interrupted = Thread.interrupted(); // the HTTP client refuses to send from an interrupted thread
        try {
            tasks.find(attempt);
            log.info("attempt {} was handed over: {} task {} is left for its next delivery", attempt.number(),
                    route.name(), task);
            return false;
        } catch (ProviderTasks.HandedOver e) {
            log.info("attempt {} is another worker's now: {} task {} is left for it", attempt.number(), route.name(),
                    task);
            return false;
        } catch (ProviderTasks.AttemptOver e) {
            return true;
        } catch (ProviderTasks.Unavailable e) {
            log.warn("could not learn whether attempt {} ended ({}); {} task {} is left running", attempt.number(),
                    e.getMessage(), route.name(), task);
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
            } catch (ProviderTasks.AttemptOver | ProviderTasks.HandedOver e) {
                throw new EngineException.AttemptOver(e.getMessage()); // nothing created here: nothing to cancel
            } catch (ProviderTasks.Unavailable e) {
                if (++errors >= timings.maxErrors()) {
                    throw new EngineException("job_service_unavailable", "could not learn whether attempt "
                            + attempt.number() + " of " + model + " has a task: " + e.getMessage(), true, e);
                }
                sleep(backoff(errors));
                checkDeadline(deadline);
            }
        }
    }

    /** The route of a task an earlier delivery created: polled there, whatever the routes' health now. */
    private ProviderRoute resumedRoute(Attempt attempt, JobsApi.ProviderTask known) {
        ProviderRoute route = routes.named(known.provider()).orElseThrow(() ->
                // the model's routes changed since: that task cannot be polled from here, and a new one would be a second
                new EngineException("provider_task_elsewhere", "attempt " + attempt.number() + " has a task at "
                        + known.provider() + ", which is not a route of " + model + " here", false));
        log.info("delivery {} of attempt {} resumes {} task {} created by delivery {}; no new task is created",
                attempt.delivery(), attempt.number(), route.name(), known.taskId(), known.delivery());
        return route;
    }

    /**
     * Records the new task with job-service; false when it could not be now (it is tried again at each poll). A
     * refusal means the attempt is no longer this worker's: the task is cancelled by {@link #followOwned}.
     */
    private boolean record(Attempt attempt, ProviderRoute route, String task) {
        try {
            tasks.record(attempt, route.name(), task);
            return true;
        } catch (ProviderTasks.AttemptOver e) {
            log.warn("{} task {} was created for attempt {} that is no longer ours ({}); cancelling it",
                    route.name(), task, attempt.number(), e.getMessage());
            throw new EngineException.AttemptOver(e.getMessage());
        } catch (ProviderTasks.HandedOver e) {
            // a newer claim found no task and may be creating its own: ours would be a second one
            log.warn("{} task {} was created for attempt {} after another worker took it over ({}); cancelling it",
                    route.name(), task, attempt.number(), e.getMessage());
            throw new EngineException.AttemptOver(e.getMessage());
        } catch (ProviderTasks.Unavailable e) {
            log.warn("could not record {} task {} of attempt {} yet: {}", route.name(), task, attempt.number(),
                    e.getMessage());
            return false;
        }
    }

    /**
     * The job was stopped (cancelled, or lost to another worker): its task is cancelled where the provider has a
     * cancel. The HTTP client refuses to send from an interrupted thread, so the flag is set aside for the call.
     */
    private void cancelStopped(ProviderRoute route, String task) {
        boolean interrupted = Thread.interrupted();
        try {
            route.adapter().cancel(task);
            log.info("asked {} to cancel task {} of a stopped job (where its API has a cancel)", route.name(), task);
        } catch (ProviderException e) {
            log.warn("could not cancel {} task {}: {}", route.name(), task, e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The image's size comes with the job from intake; only a job recorded before intake carried it is decoded
     * to learn it (an unreadable image fails here, for good, before any provider is called). The provider model
     * and callback link are each route's.
     */
    private ProviderAdapter.ProviderRequest providerRequest(VideoRequest request) {
        InputImage input = request.input();
        byte[] image = request.image();
        int[] size = input != null && input.width() > 0 && input.height() > 0
                ? new int[] {input.width(), input.height()} : decodedSize(image);
        String link = input == null ? null : publicLinks.apply(input.key());
        return new ProviderAdapter.ProviderRequest(null, request.prompt(), dataUri(image), link,
                size[0], size[1], request.durationSeconds(), request.resolution(), request.promptOptimizer(), null);
    }

    private static int[] decodedSize(byte[] image) {
        BufferedImage decoded = ImageDecoder.decode(image);
        return new int[] {decoded.getWidth(), decoded.getHeight()};
    }

    /**
     * Polls until the task ends, sooner when the provider calls back; {@code unrecorded} says job-service does not
     * know the task yet (it is told at each poll until it does).
     */
    private RenderedVideo follow(ProviderRoute route, String task, Attempt attempt, boolean unrecorded, Path output,
                                 ProgressListener progress, long deadline) {
        Duration pause = timings.firstPoll();
        int errors = 0;
        int expired = 0;
        long failingSince = 0;
        while (true) {
            if (unrecorded && record(attempt, route, task)) {
                unrecorded = false;
            }
            if (callbacks.await(attempt, pause)) {
                meters.counter("i2v.provider.callback.wakeups", "provider", route.adapter().provider()).increment();
            } else {
                pause = min(pause.multipliedBy(3).dividedBy(2), timings.maxPoll());
            }
            ProviderAdapter.TaskState state;
            long started = System.nanoTime();
            try {
                state = route.adapter().poll(task);
                route.worked(started);
                errors = 0;
                failingSince = 0;
            } catch (ProviderException e) {
                outcome(route, e, started);
                failingSince = failingSince == 0 ? started : failingSince;
                errors = onPollError(route, e, errors, failingSince, deadline);
                continue;
            }
            switch (state) {
                case ProviderAdapter.TaskState.Pending pending -> {
                    if (pending.progress() > 0 && pending.progress() < 100) {
                        progress.progress(pending.progress());
                    }
                    checkDeadline(deadline);
                }
                case ProviderAdapter.TaskState.Failed failed -> {
                    releaseSlot(attempt, route);
                    throw mapped(route, failed.failure());
                }
                case ProviderAdapter.TaskState.Succeeded succeeded -> {
                    if (expired == 0) {
                        releaseSlot(attempt, route); // the task ended at the provider: its slot is another job's now
                    }
                    try {
                        return copy(route, succeeded.resultUrl(), output);
                    } catch (ProviderException e) {
                        if (e.kind() == ProviderException.Kind.EXPIRED && ++expired <= 2) {
                            log.info("result of task {} expired before download; asking {} again", task, route.name());
                            continue;
                        }
                        failingSince = failingSince == 0 ? System.nanoTime() : failingSince;
                        errors = onPollError(route, e, errors, failingSince, deadline);
                    }
                }
            }
        }
    }

    /**
     * Decides about one failed poll: wait and go on (returns the new error count) or give up (throws). Transient
     * trouble is waited out for {@code maxErrors} polls and at least the outage grace since polls began failing.
     */
    private int onPollError(ProviderRoute route, ProviderException e, int errors, long failingSince, long deadline) {
        countError(route, e);
        switch (e.kind()) {
            case TRANSIENT, EXPIRED -> {
                // a provider that answers "no such task" is up: the grace is for outages, not for a task that is gone
                boolean gone = "HTTP 404".equals(e.code()) || "HTTP 410".equals(e.code());
                if (errors + 1 >= timings.maxErrors()
                        && (gone || System.nanoTime() - failingSince >= timings.outageGrace().toNanos())) {
                    throw new EngineException("provider_unavailable", route.name() + ": " + e.getMessage(), true, e);
                }
                sleep(backoff(errors));
                checkDeadline(deadline);
                return errors + 1;
            }
            case OUTCOME_UNKNOWN -> throw outcomeUnknown(route, e);
            case RATE_LIMITED -> {
                sleep(e.retryAfter() != null ? e.retryAfter() : timings.maxPoll());
                checkDeadline(deadline);
                return errors;
            }
            default -> throw mapped(route, e);
        }
    }

    private void countError(ProviderRoute route, ProviderException e) {
        meters.counter("i2v.provider.errors", "provider", route.adapter().provider(), "route", route.name(),
                "kind", e.kind().name().toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * Nobody can tell whether the provider bills a task for this job: it fails (its points come back) rather than
     * pay twice, and says so where operators look. None of the five providers lets a task be found by anything but
     * the id whose answer was lost, so there is nothing to look up first.
     */
    private static EngineException outcomeUnknown(ProviderRoute route, ProviderException e) {
        log.error("{} create outcome unknown: {}; the job fails as provider_outcome_unknown; check the {} account for "
                + "an orphaned task", route.name(), e.getMessage(), route.name());
        return new EngineException("provider_outcome_unknown", e.getMessage(), false, e);
    }

    private static EngineException mapped(ProviderRoute route, ProviderException e) {
        String message = route.name() + " " + e.code() + ": " + e.getMessage();
        return switch (e.kind()) {
            case MODERATION -> new EngineException("moderation_blocked", message, false, e);
            case INVALID_INPUT -> new EngineException("invalid_input", message, false, e);
            case ACCOUNT -> {
                log.error("OPERATOR ACTION NEEDED: {} refused our account: {}", route.name(), message);
                yield new EngineException("provider_account_error", message, false, e);
            }
            default -> new EngineException("provider_unavailable", message, true, e);
        };
    }

    private static RenderedVideo copy(ProviderRoute route, String url, Path output) {
        try (InputStream in = route.adapter().download(url)) {
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

    /** Waits for a turn at the account's open-task limit. */
    private void acquire(Semaphore open) {
        try {
            open.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("engine_error", "interrupted while waiting for a " + model + " slot", true, e);
        }
    }

    /** Waits for a turn at a route chosen for a create; the breaker's permission goes back if the wait is cut. */
    private void acquire(Semaphore open, ProviderRoute route) {
        try {
            acquire(open);
        } catch (EngineException e) {
            route.unused();
            throw e;
        }
    }

    private void checkDeadline(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new EngineException("provider_timeout", model + " did not finish within "
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
