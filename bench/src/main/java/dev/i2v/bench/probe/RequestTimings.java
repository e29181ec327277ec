package dev.i2v.bench.probe;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.i2v.localstack.LocalStack;

/**
 * Where a request's time goes, from the services' own HTTP timers ({@code http_server_requests_seconds} and
 * {@code http_client_requests_seconds} on {@code /actuator/prometheus}): count and mean per route, per service.
 */
public final class RequestTimings {

    private static final Pattern SERIES = Pattern.compile(
            "^(http_(?:server|client)_requests_seconds)_(sum|count)\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    /** One route of one service: how often and how long on average. */
    public record Route(String service, String kind, String method, String uri, long count, double meanMillis) {
    }

    private RequestTimings() {
    }

    public static List<Route> of(String service, int port) throws IOException, InterruptedException {
        String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> totals = new TreeMap<>();
        Matcher m = SERIES.matcher(scrape);
        while (m.find()) {
            String labels = m.group(3);
            String key = m.group(1) + "|" + label(labels, "method") + "|" + label(labels, "uri");
            double[] sumCount = totals.computeIfAbsent(key, k -> new double[2]);
            sumCount[m.group(2).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(4));
        }
        List<Route> routes = new ArrayList<>();
        totals.forEach((key, sc) -> {
            String[] parts = key.split("\\|");
            if (sc[1] > 0) {
                routes.add(new Route(service, parts[0].contains("server") ? "served" : "called", parts[1], parts[2],
                        (long) sc[1], sc[0] / sc[1] * 1000));
            }
        });
        return routes;
    }

    /** The routes of the gateway, credits and jobs, as their timers stand now. */
    public static List<Route> ofStack(LocalStack stack) throws IOException, InterruptedException {
        List<Route> routes = new ArrayList<>();
        routes.addAll(of("gateway", stack.config().gatewayPort()));
        routes.addAll(of("credits", stack.config().creditsPort()));
        routes.addAll(of("jobs", stack.config().jobsPort()));
        return routes;
    }

    /** What happened between two readings: counts and mean times of the requests in between. */
    public static List<Route> between(List<Route> before, List<Route> after) {
        Map<String, Route> earlier = new TreeMap<>();
        before.forEach(r -> earlier.put(r.service() + r.kind() + r.method() + r.uri(), r));
        List<Route> routes = new ArrayList<>();
        for (Route r : after) {
            Route e = earlier.get(r.service() + r.kind() + r.method() + r.uri());
            long count = r.count() - (e == null ? 0 : e.count());
            if (count > 0) {
                double sum = r.meanMillis() * r.count() - (e == null ? 0 : e.meanMillis() * e.count());
                routes.add(new Route(r.service(), r.kind(), r.method(), r.uri(), count, sum / count));
            }
        }
        return routes;
    }

    /** The submit path's routes (public videos, internal calls) as table rows, slowest first. */
    public static List<List<Object>> submitPathRows(List<Route> routes) {
        return routes.stream()
                .filter(r -> r.uri().startsWith("/v1/videos") || r.uri().startsWith("/internal"))
                .sorted(Comparator.comparingDouble(Route::meanMillis).reversed())
                .map(r -> List.<Object>of(r.service(), r.kind(), r.method() + " " + r.uri(), r.count(), r.meanMillis()))
                .toList();
    }

    private static String label(String labels, String name) {
        Matcher m = Pattern.compile("(?:^|,)" + name + "=\"([^\"]*)\"").matcher(labels);
        return m.find() ? m.group(1) : "";
    }
}
