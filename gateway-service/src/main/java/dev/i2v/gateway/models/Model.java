package dev.i2v.gateway.models;

import java.util.List;

/** A model as the public API describes it ({@code GET /v1/models}). */
public record Model(String id, String provider, List<Integer> durations, List<String> resolutions, List<String> lanes,
                    boolean promptOptimizer, boolean available) {
}
