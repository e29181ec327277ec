package dev.i2v.gateway.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.gateway.GatewayProperties;

/**
 * The models this deployment offers: the shared catalogue, each hosted model available when the
 * operator says the workers hold its provider's key ({@code i2v.gateway.providers}).
 */
@Component
public class ModelCatalog {

    public static final String DEFAULT_MODEL = ModelCatalogue.LOCAL;

    private static final List<Lane> ALL_LANES = List.of(Lane.STANDARD, Lane.PRIORITY, Lane.RELAXED);
    /** Hosted models cost money per clip: no free relaxed lane on spare capacity. */
    private static final List<Lane> PAID_LANES = ALL_LANES.stream().filter(Lane::charged).toList();

    private final List<Model> models;

    ModelCatalog(GatewayProperties properties) {
        List<Model> offered = new ArrayList<>();
        for (ModelSpec spec : ModelCatalogue.all()) {
            boolean local = spec.provider().equals("local");
            offered.add(new Model(spec.id(), spec.provider(), spec.durations(), spec.resolutions(),
                    local ? ALL_LANES : PAID_LANES, spec.promptOptimizer() || properties.promptRewrite(),
                    local || properties.providers().contains(spec.provider())));
        }
        if (properties.testModels()) {
            // for fault tests and benchmarks only: instant output, or a worker crash
            offered.add(new Model("instant", "test", List.of(6, 10), List.of("128P", "512P", "768P"), ALL_LANES, false,
                    true));
            offered.add(new Model("crash", "test", List.of(6, 10), List.of("128P", "512P", "768P"), ALL_LANES, false,
                    true));
        }
        this.models = List.copyOf(offered);
    }

    public List<Model> all() {
        return models;
    }

    public Optional<Model> find(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
