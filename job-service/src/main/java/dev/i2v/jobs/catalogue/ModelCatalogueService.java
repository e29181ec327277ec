package dev.i2v.jobs.catalogue;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.Resolution;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.jobs.problems.JobsException;

/**
 * The catalogue as data. On start every compiled model missing from it is added (so a release's new models appear,
 * and an operator's edits stay); operators then edit it: durations and resolutions up to what the provider offers, the
 * provider model id, whether it is offered. A new model of a provider that has an adapter needs no code.
 */
@Service
public class ModelCatalogueService {

    /** The providers that have an adapter (code), and the built-in engine. */
    static final Set<String> PROVIDERS = Set.of("local", "minimax", "runway", "kling", "luma", "fal");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final CatalogueRepository catalogue;
    private final Clock clock;

    ModelCatalogueService(CatalogueRepository catalogue, Clock clock) {
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void seed() {
        ModelCatalogue.all().forEach(spec -> catalogue.seed(spec, clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<JobsApi.CatalogueModel> all() {
        return catalogue.all();
    }

    @Transactional
    public JobsApi.CatalogueModel put(String id, JobsApi.CatalogueModelRequest request) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new JobsException.InvalidJobRequest("a model id is 1-64 lower-case letters, digits, '.', '-' or '_'");
        }
        if (request.provider() == null || !PROVIDERS.contains(request.provider())) {
            throw new JobsException.InvalidJobRequest("provider must be one of " + String.join(", ", PROVIDERS.stream()
                    .sorted().toList()) + " (a new provider needs an adapter)");
        }
        if (request.providerModel() == null || request.providerModel().isBlank()) {
            throw new JobsException.InvalidJobRequest("provider_model is required");
        }
        if (request.durations() == null || request.durations().isEmpty()
                || request.durations().stream().anyMatch(d -> d == null || d < 1 || d > 600)) {
            throw new JobsException.InvalidJobRequest("durations must list 1-600 second lengths");
        }
        if (request.resolutions() == null || request.resolutions().isEmpty()
                || request.resolutions().stream().anyMatch(r -> r == null || Resolution.parse(r).isEmpty())) {
            throw new JobsException.InvalidJobRequest("resolutions must list values like 768P");
        }
        if (request.updatedBy() == null || request.updatedBy().isBlank()) {
            throw new JobsException.InvalidJobRequest("updated_by is required");
        }
        List<String> resolutions = request.resolutions().stream()
                .map(r -> Resolution.parse(r).orElseThrow().wireName()).distinct().toList();
        ModelSpec spec = new ModelSpec(id, request.provider(), request.providerModel(),
                request.durations().stream().distinct().sorted().toList(), resolutions,
                Boolean.TRUE.equals(request.promptOptimizer()));
        catalogue.put(spec, request.enabled() == null || request.enabled(), request.updatedBy(), clock.instant());
        return catalogue.find(id).orElseThrow();
    }
}
