package dev.i2v.gateway.models;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.kit.FreshSnapshot;

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

    private static final List<Lane> ALL_LANES = List.of(Lane.STANDARD, Lane.PRIORITY, Lane.RELAXED);
    /** Hosted models cost money per clip: no free relaxed lane on spare capacity. */
    private static final List<Lane> PAID_LANES = ALL_LANES.stream().filter(Lane::charged).toList();

    private final GatewayProperties properties;
    private final FreshSnapshot<List<Model>> models;

    ModelCatalog(GatewayProperties properties, JobsClient jobs, Clock clock) {
        this.properties = properties;
        List<Model> compiled = offered(ModelCatalogue.all().stream().map(spec -> new Entry(spec, true)).toList());
        this.models = new FreshSnapshot<>("the model catalogue", compiled, FRESHNESS, clock, () -> {
            List<JobsApi.CatalogueModel> read = jobs.catalogue().data();
            // empty: a job-service that has not seeded its catalogue yet (it seeds once started), not "no models"
            return read.isEmpty() ? Optional.empty()
                    : Optional.of(offered(read.stream().map(m -> new Entry(m.spec(), m.enabled())).toList()));
        });
    }

    public List<Model> all() {
        return models.get();
    }

    public Optional<Model> find(String id) {
        return models.get().stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The next look reads the catalogue again (after this replica changed it). */
    public void invalidate() {
        models.invalidate();
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

}
