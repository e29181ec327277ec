package dev.i2v.gateway.models;

import java.util.List;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.models.ModelSpec;

/**
 * A model as the public API describes it ({@code GET /v1/models}).
 *
 * @param defaultDuration   used when a request names none: 6 s where offered
 * @param defaultResolution used when a request names none: 768P, else 720P, else the first offered
 */
public record Model(String id, String provider, List<Integer> durations, List<String> resolutions, List<Lane> lanes,
                    boolean promptOptimizer, boolean available, int defaultDuration, String defaultResolution) {

    public Model(String id, String provider, List<Integer> durations, List<String> resolutions, List<Lane> lanes,
                 boolean promptOptimizer, boolean available) {
        this(id, provider, durations, resolutions, lanes, promptOptimizer, available,
                ModelSpec.defaultDuration(durations), ModelSpec.defaultResolution(resolutions));
    }
}
