package dev.i2v.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.JobsApi;

/**
 * job-service's lease API as the worker sees it, for the worker's own integration test (the real rules are proven
 * against the database in job-service's {@code LeasesIT}, and with every service in the local stack's tests): a
 * claim grants a new delivery unless a lease is held, the heartbeat renews what it holds and answers what it lost, a
 * release is recorded. A test can take a lease away ({@link #loseLease}) as a takeover by another worker would.
 */
final class JobServiceStandIn implements AutoCloseable {

    private static final Pattern CLAIM = Pattern.compile("/internal/jobs/([0-9a-f-]+)/attempts/(\\d+)/claims");
    private static final Pattern TASK = Pattern.compile("/internal/jobs/([0-9a-f-]+)/attempts/(\\d+)/provider-task");

    record ClaimMade(UUID jobId, int attempt, String workerId, int delivery) {
    }

    private final JsonMapper json = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private final HttpServer server;
    private final long leaseMillis;
    private final Map<UUID, Integer> deliveries = new ConcurrentHashMap<>();
    private final Map<UUID, Long> heldUntil = new ConcurrentHashMap<>();
    private final Set<UUID> lost = ConcurrentHashMap.newKeySet();
    final List<ClaimMade> claims = new CopyOnWriteArrayList<>();
    final List<JobsApi.Release> releases = new CopyOnWriteArrayList<>();
    final Map<UUID, AtomicInteger> renewals = new ConcurrentHashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger mostHeld = new AtomicInteger();

    JobServiceStandIn(long leaseMillis) {
        this.leaseMillis = leaseMillis;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Another worker took the job over: the holder's next heartbeat is told it lost it. */
    void loseLease(UUID job) {
        lost.add(job);
    }

    /** A job ended (as a report would end it): its lease is no longer held. */
    void ended(UUID job) {
        if (heldUntil.remove(job) != null) {
            held.decrementAndGet();
        }
    }

    int mostHeldAtOnce() {
        return mostHeld.get();
    }

    List<ClaimMade> claimsOf(UUID job) {
        return claims.stream().filter(c -> c.jobId().equals(job)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            Matcher claim = CLAIM.matcher(path);
            Matcher task = TASK.matcher(path);
            if (claim.matches()) {
                claim(exchange, UUID.fromString(claim.group(1)), Integer.parseInt(claim.group(2)),
                        json.readValue(body, JobsApi.ClaimRequest.class));
            } else if (path.equals("/internal/leases/heartbeat")) {
                heartbeat(exchange, json.readValue(body, JobsApi.Heartbeat.class));
            } else if (path.equals("/internal/leases/release")) {
                JobsApi.Release release = json.readValue(body, JobsApi.Release.class);
                releases.add(release);
                ended(release.lease().jobId());
                exchange.sendResponseHeaders(204, -1);
            } else if (task.matches() && exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 200, JobsApi.ProviderTask.none());
            } else {
                answer(exchange, 404, Map.of("code", "not_found"));
            }
        }
    }

    private synchronized void claim(HttpExchange exchange, UUID job, int attempt, JobsApi.ClaimRequest request)
            throws IOException {
        Long until = heldUntil.get(job);
        if (until != null && until > System.currentTimeMillis() && !lost.contains(job)) {
            answer(exchange, 409, Map.of("code", "lease_held"));
            return;
        }
        int delivery = deliveries.merge(job, 1, Integer::sum);
        lost.remove(job);
        if (heldUntil.put(job, System.currentTimeMillis() + leaseMillis) == null) {
            mostHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
        }
        claims.add(new ClaimMade(job, attempt, request.workerId(), delivery));
        answer(exchange, 200, new JobsApi.Claim(delivery, leaseMillis, delivery > 1));
    }

    private void heartbeat(HttpExchange exchange, JobsApi.Heartbeat heartbeat) throws IOException {
        List<JobsApi.Lease> notRenewed = new ArrayList<>();
        for (JobsApi.Lease lease : heartbeat.leases()) {
            if (lost.contains(lease.jobId()) || !heldUntil.containsKey(lease.jobId())) {
                notRenewed.add(lease);
            } else {
                heldUntil.put(lease.jobId(), System.currentTimeMillis() + leaseMillis);
                renewals.computeIfAbsent(lease.jobId(), k -> new AtomicInteger()).incrementAndGet();
            }
        }
        answer(exchange, 200, new JobsApi.HeartbeatAnswer(notRenewed));
    }

    private void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
