package dev.i2v.gateway.models;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.problems.GatewayException;

/**
 * The models this deployment offers: the catalogue as data (job-service's {@code /internal/models}, re-read at most
 * every {@link #FRESHNESS}, so an operator's edit is offered without a restart), each hosted model available when
 * it is enabled and the operator says the workers hold its provider's key ({@code i2v.gateway.providers}). Until the
 * catalogue could be read once, the compiled one stands in; after that, the last one read.
 */
@Component
public class ModelCatalog {

    public static final String DEFAULT_MODEL = ModelCatalogue.LOCAL;
    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    private static final List<Lane> ALL_LANES = List.of(Lane.STANDARD, Lane.PRIORITY, Lane.RELAXED);
    /** Hosted models cost money per clip: no free relaxed lane on spare capacity. */
    private static final List<Lane> PAID_LANES = ALL_LANES.stream().filter(Lane::charged).toList();

    private final GatewayProperties properties;
    private final JobsClient jobs;
    private final Clock clock;
    private volatile Snapshot snapshot;

    ModelCatalog(GatewayProperties properties, JobsClient jobs, Clock clock) {
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
        this.snapshot = new Snapshot(offered(ModelCatalogue.all().stream()
                .map(spec -> new Entry(spec, true)).toList()), Instant.EPOCH);
    }

    public List<Model> all() {
        return current();
    }

    public Optional<Model> find(String id) {
        return current().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The next look reads the catalogue again (after this replica changed it). */
    public void invalidate() {
        snapshot = new Snapshot(snapshot.models(), Instant.EPOCH);
    }

    private List<Model> current() {
        Snapshot seen = snapshot;
        Instant now = clock.instant();
        if (seen.readAt().plus(FRESHNESS).isAfter(now)) {
            return seen.models();
        }
        try {
            List<JobsApi.CatalogueModel> read = jobs.catalogue().data();
            if (read.isEmpty()) {
                // a job-service that has not seeded its catalogue yet (it seeds once started): not "no models"
                snapshot = new Snapshot(seen.models(), now);
                return seen.models();
            }
            List<Model> models = offered(read.stream().map(m -> new Entry(m.spec(), m.enabled())).toList());
            snapshot = new Snapshot(models, now);
            return models;
        } catch (GatewayException e) {
            // asked again after FRESHNESS, not on every request while job-service is down
            log.warn("the model catalogue could not be read; the last one read stays: {}", e.getMessage());
            snapshot = new Snapshot(seen.models(), now);
            return seen.models();
        }
    }

    private List<Model> offered(List<Entry> catalogue) {
        List<Model> offered = new ArrayList<>();
        for (Entry entry : catalogue) {
            ModelSpec spec = entry.spec();
            boolean local = spec.provider().equals("local");
            offered.add(new Model(spec.id(), spec.provider(), spec.durations(), spec.resolutions(),
                    local ? ALL_LANES : PAID_LANES, spec.promptOptimizer() || properties.promptRewrite(),
                    entry.enabled() && (local || properties.providers().contains(spec.provider()))));
        }
        if (properties.testModels()) {
            // for fault tests and benchmarks only: instant output, or a worker crash
            offered.add(new Model("instant", "test", List.of(6, 10), List.of("128P", "512P", "768P"), ALL_LANES, false,
                    true));
            offered.add(new Model("crash", "test", List.of(6, 10), List.of("128P", "512P", "768P"), ALL_LANES, false,
                    true));
        }
        return List.copyOf(offered);
    }

    private record Entry(ModelSpec spec, boolean enabled) {
    }

    private record Snapshot(List<Model> models, Instant readAt) {
    }
}
