package dev.i2v.jobs.pauses;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.jobs.problems.JobsException;

/** Pauses and resumes lanes, models and routes; the scheduler and the route budgets consult them. */
@Service
public class Pauses {

    private static final Set<String> KINDS = Set.of("lane", "model", "route");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final PauseRepository pauses;
    private final Clock clock;

    Pauses(PauseRepository pauses, Clock clock) {
        this.pauses = pauses;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<JobsApi.Pause> all() {
        return pauses.all();
    }

    /** Whether a worker may take a new slot of this route (and so create a provider task on it). */
    @Transactional(readOnly = true)
    public boolean routePaused(String route) {
        return pauses.find("route", route).isPresent();
    }

    @Transactional
    public JobsApi.Pause pause(String kind, String name, JobsApi.PauseRequest request) {
        check(kind, name);
        String mode = request.mode() == null ? JobsApi.Pause.QUEUE : request.mode();
        if (!mode.equals(JobsApi.Pause.QUEUE) && !mode.equals(JobsApi.Pause.REFUSE)) {
            throw new JobsException.InvalidJobRequest("mode must be queue or refuse");
        }
        if (kind.equals("route") && mode.equals(JobsApi.Pause.REFUSE)) {
            throw new JobsException.InvalidJobRequest("a route pause can only queue: submits do not name a route");
        }
        if (request.pausedBy() == null || request.pausedBy().isBlank()) {
            throw new JobsException.InvalidJobRequest("paused_by is required");
        }
        pauses.put(kind, name, mode, request.reason(), request.pausedBy(), clock.instant());
        return pauses.find(kind, name).orElseThrow();
    }

    /** @throws JobsException.PauseNotFound when it was not paused */
    @Transactional
    public JobsApi.Pause resume(String kind, String name) {
        JobsApi.Pause pause = pauses.find(kind, name).orElseThrow(() -> new JobsException.PauseNotFound(kind, name));
        pauses.delete(kind, name);
        return pause;
    }

    private static void check(String kind, String name) {
        if (!KINDS.contains(kind)) {
            throw new JobsException.InvalidJobRequest("kind must be lane, model or route");
        }
        boolean known = switch (kind) {
            case "lane" -> Lane.inStartOrder().stream().anyMatch(lane -> lane.wireName().equals(name));
            // the gateway checks a model against the models it offers (test models included)
            default -> NAME.matcher(name).matches();
        };
        if (!known) {
            throw new JobsException.InvalidJobRequest("no " + kind + " named '" + name + "'");
        }
    }
}
