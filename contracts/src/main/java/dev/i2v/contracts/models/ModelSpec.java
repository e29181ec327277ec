package dev.i2v.contracts.models;

import java.util.List;
import java.util.Objects;

/**
 * One public model.
 *
 * @param id              the public name clients send, e.g. {@code hailuo-02}
 * @param provider        who serves it: {@code local}, {@code minimax}, {@code runway}, {@code kling},
 *                        {@code luma}, {@code fal}, or {@code test}
 * @param providerModel   the provider's own model id, e.g. {@code MiniMax-Hailuo-02}
 * @param durations       the clip lengths in seconds it can make
 * @param resolutions     the output resolutions it can make, e.g. {@code 768P}
 * @param promptOptimizer the provider has its own prompt optimizer
 */
public record ModelSpec(String id, String provider, String providerModel, List<Integer> durations,
                        List<String> resolutions, boolean promptOptimizer) {

    public ModelSpec {
        Objects.requireNonNull(id);
        Objects.requireNonNull(provider);
        durations = List.copyOf(durations);
        resolutions = List.copyOf(resolutions);
    }

    /** The default duration: 6 s where offered, otherwise the first offered. */
    public int defaultDuration() {
        return defaultDuration(durations);
    }

    /** The default resolution: 768P where offered, else 720P, else the first offered. */
    public String defaultResolution() {
        return defaultResolution(resolutions);
    }

    /** The defaults rule, for models described outside the catalogue (the test models). */
    public static int defaultDuration(List<Integer> durations) {
        return durations.contains(6) ? 6 : durations.get(0);
    }

    public static String defaultResolution(List<String> resolutions) {
        return resolutions.contains("768P") ? "768P" : resolutions.contains("720P") ? "720P" : resolutions.get(0);
    }
}
