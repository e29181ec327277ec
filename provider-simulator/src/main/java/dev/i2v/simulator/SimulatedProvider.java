package dev.i2v.simulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every simulated provider shares: a loopback HTTP server, the accounts, the limits, fault injection, the
 * tasks and their clock, and the ledger of what the provider would bill. Subclasses speak the provider's API.
 */
public abstract class SimulatedProvider implements AutoCloseable {

    /** Answered instead of the real thing, before any effect. */
    protected enum Fault { NONE, TRANSIENT, MALFORMED }

    protected final SimulatorSettings settings;
    protected final JsonMapper json = JsonMapper.builder().build();
    private final Clock clock = Clock.systemUTC();
    private final HttpServer server;
    private final ScheduledExecutorService ticker;
    private final Random random;
    private final AtomicLong ids = new AtomicLong(100_000);
    /** Guarded by this. */
    private final Map<String, SimulatedTask> tasks = new LinkedHashMap<>();
    /** Create times per account, for the per-minute and daily limits; guarded by this. */
    private final Map<String, Deque<Instant>> creates = new HashMap<>();
    private int maxRunningSeen;
    private int maxOpenSeen;
    /** Every create call's time, refused ones too: what the account's per-minute limit sees; guarded by this. */
    private final List<Instant> createCalls = new ArrayList<>();
    private int refusedForLimits;
    /** An outage: every request is answered with the provider's retryable error until it ends. */
    private volatile boolean down;

    protected SimulatedProvider(SimulatorSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not open the simulator's port", e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("simulator-tick").unstarted(r));
    }

    /** Opens the port and starts the clock of the tasks. */
    protected final void start(Map<String, HttpHandler> routes) {
        routes.forEach((path, handler) -> server.createContext(path, exchange -> serve(exchange, handler)));
        server.start();
        ticker.scheduleWithFixedDelay(this::tick, 20, 20, TimeUnit.MILLISECONDS);
    }

    /** {@code http://127.0.0.1:<port>}, the provider's base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Tasks created by any account. */
    public synchronized int createdTasks() {
        return tasks.size();
    }

    /** Tasks created with exactly this prompt: a test gives each job its own prompt to count a job's tasks. */
    public synchronized long createdFor(String prompt) {
        return tasks.values().stream().filter(t -> t.prompt.equals(prompt)).count();
    }

    /** What the provider would charge for: tasks that produced a video. */
    public synchronized int billedTasks() {
        advance(now());
        return (int) tasks.values().stream().filter(t -> t.billed).count();
    }

    /** The most tasks of one account running at one moment. */
    public synchronized int maxRunningSeen() {
        return maxRunningSeen;
    }

    /** The most tasks of one account open (waiting or running) at one moment: what its concurrency limit counts. */
    public synchronized int maxOpenSeen() {
        return maxOpenSeen;
    }

    /** The most create calls (refused ones too) in any 60 seconds. */
    public synchronized int maxCreateCallsInAMinute() {
        int most = 0;
        int first = 0;
        for (int last = 0; last < createCalls.size(); last++) {
            while (!createCalls.get(first).isAfter(createCalls.get(last).minus(Duration.ofMinutes(1)))) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }

    /** Creates refused for the account's per-minute, daily or concurrency limits. */
    public synchronized int refusedForLimits() {
        return refusedForLimits;
    }

    /**
     * When each task with this prompt prefix finished at the provider (succeeded), by prompt: what a benchmark
     * compares with the moment our job succeeded (the pickup delay).
     */
    public synchronized Map<String, Instant> finishedByPrompt(String prefix) {
        advance(now());
        Map<String, Instant> finished = new LinkedHashMap<>();
        tasks.values().stream().filter(t -> t.prompt.startsWith(prefix) && t.billed)
                .forEach(t -> finished.put(t.prompt, t.finishesAt));
        return finished;
    }

    /** Ids of the tasks cancelled through the API. */
    public synchronized List<String> cancelledTasks() {
        return tasks.values().stream().filter(t -> t.cancelled).map(t -> t.id).toList();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        server.stop(0);
    }

    protected final Instant now() {
        return clock.instant();
    }

    /**
     * Starts or ends an outage: while it lasts every request is answered with the provider's retryable error
     * (MiniMax's 1000 unknown error, Runway's 502), before any effect — what a failing route looks like.
     */
    public void outage(boolean on) {
        down = on;
    }

    /** The fault to answer this request with: an outage's, else drawn from the settings' rates. */
    protected final synchronized Fault fault(boolean malformable) {
        if (down) {
            return Fault.TRANSIENT;
        }
        double draw = random.nextDouble();
        if (draw < settings.transientErrorRate()) {
            return Fault.TRANSIENT;
        }
        if (malformable && draw < settings.transientErrorRate() + settings.malformedRate()) {
            return Fault.MALFORMED;
        }
        return Fault.NONE;
    }

    /**
     * Why the account may not create a task now ({@code "per-minute"}, {@code "daily"}), or null; an allowed
     * create is counted.
     */
    protected final synchronized String takeCreate(String account) {
        Instant now = now();
        createCalls.add(now);
        Deque<Instant> times = creates.computeIfAbsent(account, a -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(Duration.ofDays(1)))) {
            times.removeFirst();
        }
        if (settings.dailyQuota() > 0 && times.size() >= settings.dailyQuota()) {
            refusedForLimits++;
            return "daily";
        }
        long lastMinute = times.stream().filter(t -> t.isAfter(now.minus(Duration.ofMinutes(1)))).count();
        if (settings.createsPerMinute() > 0 && lastMinute >= settings.createsPerMinute()) {
            refusedForLimits++;
            return "per-minute";
        }
        times.addLast(now);
        return null;
    }

    /** A new task; it runs at once unless the account's concurrency limit makes it wait. */
    protected final synchronized SimulatedTask create(String account, String prompt, String callbackUrl, String failure) {
        SimulatedTask task = new SimulatedTask(Long.toString(ids.incrementAndGet()), account, prompt, callbackUrl,
                now(), failure);
        tasks.put(task.id, task);
        advance(now());
        return task;
    }

    /** The task, or null when there is none or it was deleted. */
    protected final synchronized SimulatedTask task(String id) {
        advance(now());
        SimulatedTask task = tasks.get(id);
        return task == null || task.deleted ? null : task;
    }

    /** Gone from the API; the ledger keeps it (a deleted task that produced a video was still billed). */
    protected final synchronized void delete(SimulatedTask task) {
        task.deleted = true;
    }

    /** Cancels an open task; false when it had ended. */
    protected final synchronized boolean cancel(SimulatedTask task) {
        if (!task.open(now())) {
            return false;
        }
        task.cancelled = true;
        advance(now());
        return true;
    }

    /** Ends what is due, starts what may start (first come, first served per account), bills successes. */
    private void advance(Instant now) {
        Map<String, Integer> running = new HashMap<>();
        Map<String, Integer> open = new HashMap<>();
        for (SimulatedTask task : tasks.values()) {
            SimulatedTask.Phase phase = task.phase(now);
            if (phase == SimulatedTask.Phase.SUCCEEDED) {
                task.billed = true;
            } else if (phase == SimulatedTask.Phase.RUNNING) {
                running.merge(task.account, 1, Integer::sum);
            }
            if (phase == SimulatedTask.Phase.WAITING || phase == SimulatedTask.Phase.RUNNING) {
                open.merge(task.account, 1, Integer::sum);
            }
        }
        open.values().forEach(n -> maxOpenSeen = Math.max(maxOpenSeen, n));
        for (SimulatedTask task : tasks.values()) {
            if (task.phase(now) == SimulatedTask.Phase.WAITING) {
                int busy = running.getOrDefault(task.account, 0);
                if (settings.maxConcurrent() == 0 || busy < settings.maxConcurrent()) {
                    task.startedAt = now;
                    task.finishesAt = now.plus(settings.taskTime());
                    running.put(task.account, busy + 1);
                }
            }
        }
        running.values().forEach(n -> maxRunningSeen = Math.max(maxRunningSeen, n));
    }

    private void tick() {
        List<SimulatedTask> changed = new ArrayList<>();
        synchronized (this) {
            Instant now = now();
            advance(now);
            for (SimulatedTask task : tasks.values()) {
                SimulatedTask.Phase phase = task.phase(now);
                if (task.callbackUrl != null && phase != task.reported) {
                    task.reported = phase;
                    changed.add(task);
                }
            }
        }
        changed.forEach(this::onPhaseChange);
    }

    /** Told (off the request threads) when a task with a callback URL changed phase. */
    protected void onPhaseChange(SimulatedTask task) {
    }

    private void serve(HttpExchange exchange, HttpHandler handler) throws IOException {
        try (exchange) {
            // read the whole request first, as a real server does: an answer given before the body was read (a fault,
            // a refused key) would otherwise close the connection after the server's 64 KiB drain, and the client's
            // next request on that pooled connection would fail with no bytes — a lost create the engine must treat
            // as "a task may exist"
            byte[] request = exchange.getRequestBody().readAllBytes();
            exchange.setStreams(new ByteArrayInputStream(request), null);
            handler.handle(exchange);
        } catch (RuntimeException e) {
            respond(exchange, 500, "text/plain", ("simulator error: " + e).getBytes(StandardCharsets.UTF_8));
        }
    }

    protected final JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
        } catch (tools.jackson.core.JacksonException e) {
            return null;
        }
    }

    /** The bearer token of the request, or null. */
    protected static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring(7).strip() : null;
    }

    protected static Map<String, String> parameters(HttpExchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return parameters;
    }

    protected final void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        respond(exchange, status, "application/json", json.writeValueAsBytes(body));
    }

    protected static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A download URL of this simulator for a file, valid for the settings' URL lifetime. */
    protected final String downloadUrl(String fileId) {
        return baseUrl() + "/cdn/" + fileId + ".mp4?expires=" + now().plus(settings.urlLifetime()).toEpochMilli();
    }

    /** Serves {@code /cdn/<file>.mp4}: the clip, or 403 once the link expired (as a CDN's signed URL does). */
    protected final HttpHandler downloads() {
        return exchange -> {
            String expires = parameters(exchange).get("expires");
            if (expires == null || Instant.ofEpochMilli(Long.parseLong(expires)).isBefore(now())) {
                respond(exchange, 403, "application/xml", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            respond(exchange, 200, "video/mp4", settings.clip());
        };
    }

    protected static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    protected static URI uri(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
