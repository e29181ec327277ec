package dev.i2v.worker.providers;

import java.util.Comparator;
import java.util.List;

/** Picks, among a provider's fixed output ratios ({@code "1280:720"}, {@code "16:9"}), the one nearest the input's. */
public final class AspectRatios {

    private AspectRatios() {
    }

    /** The ratio whose logarithm is nearest the input's, so 2:1 and 1:2 are equally far from 1:1. */
    public static String nearest(int width, int height, List<String> ratios) {
        double wanted = Math.log((double) width / height);
        return ratios.stream().min(Comparator.comparingDouble(r -> Math.abs(Math.log(value(r)) - wanted)))
                .orElseThrow();
    }

    private static double value(String ratio) {
        String[] parts = ratio.split(":");
        return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
    }
}
