package dev.i2v.worker.providers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * A public model's routes in the operator's order. New tasks go to the best-priority route whose breaker admits
 * them, shared by weight between routes of equal priority; a route that just failed this job is passed over while
 * another admits it, so one job's trouble moves it on at once and the breaker moves every later job.
 */
final class ProviderRoutes {

    private final List<ProviderRoute> routes;

    ProviderRoutes(List<ProviderRoute> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one route");
        }
        this.routes = routes.stream().sorted(Comparator.comparingInt(ProviderRoute::priority)).toList();
    }

    List<ProviderRoute> all() {
        return routes;
    }

    /** The route a recorded task was created on, by its account name. */
    Optional<ProviderRoute> named(String name) {
        return routes.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /**
     * The route for a new task, avoiding {@code avoid} (the route that just failed it) while another admits tasks;
     * empty when every breaker is open. The chosen route's permission is taken: the caller reports the call's
     * outcome to it.
     */
    Optional<ProviderRoute> choose(ProviderRoute avoid) {
        Optional<ProviderRoute> other = pick(avoid);
        return other.isPresent() || avoid == null ? other : pick(null);
    }

    /** Tier by tier in priority order: a weighted draw among the tier's routes that admit a task now. */
    private Optional<ProviderRoute> pick(ProviderRoute avoid) {
        Map<Integer, List<ProviderRoute>> tiers = routes.stream().filter(r -> r != avoid)
                .collect(Collectors.groupingBy(ProviderRoute::priority, TreeMap::new, Collectors.toList()));
        for (List<ProviderRoute> tier : tiers.values()) {
            List<ProviderRoute> candidates = new ArrayList<>(tier);
            while (!candidates.isEmpty()) {
                ProviderRoute chosen = weighted(candidates);
                if (chosen.admitsNewTask()) {
                    return Optional.of(chosen);
                }
                candidates.remove(chosen);
            }
        }
        return Optional.empty();
    }

    private static ProviderRoute weighted(List<ProviderRoute> candidates) {
        int total = candidates.stream().mapToInt(r -> Math.max(1, r.weight())).sum();
        int ticket = ThreadLocalRandom.current().nextInt(total);
        for (ProviderRoute route : candidates) {
            ticket -= Math.max(1, route.weight());
            if (ticket < 0) {
                return route;
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
