package dev.i2v.contracts.models;

import java.util.List;
import java.util.Optional;

/**
 * Every model this system knows. A hosted model is usable only where its provider is configured
 * (workers hold the key; the gateway is told which providers are on).
 */
public final class ModelCatalogue {

    /** The built-in engine, always available. */
    public static final String LOCAL = "local";

    private static final List<ModelSpec> MODELS = List.of(
            new ModelSpec(LOCAL, "local", "ken-burns", List.of(6, 10), List.of("512P", "720P", "768P", "1080P"),
                    false),
            // MiniMax Hailuo: 1080P is 6 s only on Hailuo-02 and 2.3 (the provider refuses 10 s at 1080P)
            new ModelSpec("hailuo-02", "minimax", "MiniMax-Hailuo-02", List.of(6, 10), List.of("512P", "768P", "1080P"), true),
            new ModelSpec("hailuo-2.3", "minimax", "MiniMax-Hailuo-2.3", List.of(6, 10), List.of("768P", "1080P"), true),
            new ModelSpec("i2v-01", "minimax", "I2V-01", List.of(6), List.of("720P"), true),
            new ModelSpec("i2v-01-live", "minimax", "I2V-01-live", List.of(6), List.of("720P"), true),
            new ModelSpec("i2v-01-director", "minimax", "I2V-01-Director", List.of(6), List.of("720P"), true),
            // Runway: six fixed ratios at 720p, so the nearest ratio to the input is asked for
            new ModelSpec("runway-gen4-turbo", "runway", "gen4_turbo", List.of(5, 10), List.of("720P"), false),
            new ModelSpec("runway-gen4.5", "runway", "gen4.5", List.of(5, 10), List.of("720P"),
                    false),
            // Kling: 720P is its "std" mode, 1080P its "pro" mode
            new ModelSpec("kling-v2-1", "kling", "kling-v2-1", List.of(5, 10), List.of("720P", "1080P"), false),
            new ModelSpec("kling-v2-6", "kling", "kling-v2-6", List.of(5, 10), List.of("720P", "1080P"), false),
            // Luma Dream Machine: seven fixed ratios
            new ModelSpec("luma-ray-2", "luma", "ray-2", List.of(5, 9), List.of("540P", "720P", "1080P"), false),
            new ModelSpec("luma-ray-flash-2", "luma", "ray-flash-2", List.of(5, 9), List.of("540P", "720P", "1080P"), false),
            // fal's queue: open models by their fal application path
            new ModelSpec("fal-wan-i2v", "fal", "fal-ai/wan-i2v", List.of(5), List.of("480P", "720P"), false),
            new ModelSpec("fal-ltx-video", "fal", "fal-ai/ltx-video/image-to-video", List.of(5), List.of("720P"), false));

    private ModelCatalogue() {
    }

    public static List<ModelSpec> all() {
        return MODELS;
    }

    public static Optional<ModelSpec> find(String id) {
        return MODELS.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The models one provider serves. */
    public static List<ModelSpec> ofProvider(String provider) {
        return MODELS.stream().filter(m -> m.provider().equals(provider)).toList();
    }
}
