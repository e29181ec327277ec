package dev.i2v.gateway.models;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.i2v.gateway.GatewayProperties;

/**
 * The models this deployment offers. Only the built-in local engine so far; provider adapters
 * (MiniMax Hailuo, Runway, Kling, Luma, fal) join this list as they are built.
 */
@Component
public class ModelCatalog {

    public static final String DEFAULT_MODEL = "local";

    private final List<Model> models;

    ModelCatalog(GatewayProperties properties) {
        List<Model> offered = new java.util.ArrayList<>(List.of(
                new Model(DEFAULT_MODEL, "local", List.of(6, 10), List.of("512P", "720P", "768P", "1080P"),
                        List.of("standard", "priority", "relaxed"), false, true)));
        // MiniMax (Hailuo): offered when the operator says the workers have its key
        boolean minimax = properties.minimaxEnabled();
        offered.add(new Model("hailuo-02", "minimax", List.of(6, 10), List.of("512P", "768P", "1080P"),
                List.of("standard", "priority"), true, minimax));
        offered.add(new Model("hailuo-2.3", "minimax", List.of(6, 10), List.of("768P", "1080P"),
                List.of("standard", "priority"), true, minimax));
        for (String id : List.of("i2v-01", "i2v-01-live", "i2v-01-director")) {
            offered.add(new Model(id, "minimax", List.of(6), List.of("720P"), List.of("standard", "priority"), true,
                    minimax));
        }
        if (properties.testModels()) {
            // for fault tests and benchmarks only: instant output, or a worker crash
            offered.add(new Model("instant", "test", List.of(6, 10), List.of("128P", "512P", "768P"),
                    List.of("standard", "priority", "relaxed"), false, true));
            offered.add(new Model("crash", "test", List.of(6, 10), List.of("128P", "512P", "768P"),
                    List.of("standard", "priority", "relaxed"), false, true));
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
