package dev.i2v.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.i2v.infra.EmbeddedKafka;
import dev.i2v.infra.EmbeddedPostgresServer;

/**
 * The whole system on one machine. Broker and database run in this JVM; each service runs in its own
 * JVM from its executable jar, as it would in a cluster, so no service can lean on another's classes
 * or memory. Data lives under {@link StackConfig#dataDir()} and survives restarts.
 */
public final class LocalStack implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern API_KEY = Pattern.compile("\"api_key\"\\s*:\\s*\"([^\"]+)\"");

    private final StackConfig config;
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final List<ServiceProcess> workers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService supervisor =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "local-stack-supervisor");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean closing;
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafka kafka;
    private String adminToken;
    private String supportToken;
    /** The service credential of the internal APIs: the gateway sends it, credits and jobs demand it. */
    private String internalToken;
    private String demoApiKey;
    private Map<String, String> workerProperties;
    private Map<String, String> gatewayProperties;
    private Path logDir;

    private LocalStack(StackConfig config) {
        this.config = config;
    }

    /** Starts everything and returns once the gateway accepts jobs and the demo account exists. */
    public static LocalStack start(StackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        Path data = config.dataDir().toAbsolutePath();
        adminToken = secret(data.resolve("admin-token"));
        supportToken = secret(data.resolve("support-token"));
        internalToken = secret(data.resolve("internal-token"));
        CompletableFuture<EmbeddedPostgresServer> db = CompletableFuture.supplyAsync(
                () -> EmbeddedPostgresServer.start(data.resolve("postgres"), config.postgresPort()));
        kafka = EmbeddedKafka.start(data.resolve("kafka"), config.kafkaPort(), config.kafkaControllerPort(),
                config.fastTestTimings());
        postgres = db.join();
        launchServices(data);
        for (ServiceProcess service : services) {
            service.awaitHealthy(START_TIMEOUT);
        }
        demoApiKey = demoAccount(data.resolve("demo-api-key"));
        supervisor.scheduleWithFixedDelay(this::restartDeadServices, 1, 1, TimeUnit.SECONDS);
    }

    /** Like a container orchestrator: a service that died is started again. */
    private void restartDeadServices() {
        for (ServiceProcess service : services) {
            if (!closing && service.restartIfDead()) {
                System.err.println("i2v local stack: " + service.name() + " died and was restarted (log: " + service.log() + ")");
            }
        }
    }

    private void launchServices(Path data) {
        Map<String, String> common = new HashMap<>(config.extraProperties());
        common.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        common.put("i2v.storage.root", data.resolve("objects").toString());
        Path logs = data.resolve("logs");
        logDir = logs;
        Map<String, String> internal = Map.of("I2V_INTERNAL_TOKEN", internalToken);
        Map<String, String> credits = withDatabase(common, "credits");
        credits.put("i2v.credits.jobs-url", "http://127.0.0.1:" + config.jobsPort());
        services.add(launch("credits-service", "credits-service", config.creditsPort(), credits, internal, logs));
        Map<String, String> jobs = withDatabase(common, "jobs");
        if (config.fastTestTimings()) {
            jobs.put("i2v.jobs.lease-duration", "10s"); // a killed or frozen worker's jobs move on within seconds
        }
        services.add(launch("job-service", "job-service", config.jobsPort(), jobs, internal, logs));
        Map<String, String> worker = new HashMap<>(common);
        worker.put("i2v.worker.jobs-url", "http://127.0.0.1:" + config.jobsPort());
        if (config.fastTestTimings()) {
            worker.put("i2v.worker.lock-duration", "15s");
            worker.put("i2v.worker.test-engines", "true");
            worker.put("i2v.worker.drain-grace", "3s");
        }
        workerProperties = Map.copyOf(worker);
        for (int i = 0; i < config.workerPorts().size(); i++) {
            String name = config.workerPorts().size() == 1 ? "worker-service" : "worker-service-" + (i + 1);
            ServiceProcess process = launch("worker-service", name, config.workerPorts().get(i), named(worker, name),
                    internal, logs);
            services.add(process);
            workers.add(process);
        }
        if (config.workerPorts().isEmpty()) {
            // a scale-out from zero starts from a ready image, as it would in a cluster
            ServiceProcess.prepare("worker-service", ServiceProcess.jarOf(config.home(), "worker-service"),
                    jvmOptions("worker-service"), aotCache(), named(worker, "worker-service"), internal, logs);
        }
        Map<String, String> gateway = withDatabase(common, "gateway");
        if (config.fastTestTimings()) {
            gateway.put("i2v.gateway.test-models", "true");
            // fault and load tests drive a few accounts hard; the limits have their own tests
            gateway.put("i2v.gateway.rate-limits.requests-per-minute", "1000000");
            gateway.put("i2v.gateway.rate-limits.submits-per-minute", "1000000");
            gateway.putAll(config.extraProperties()); // a test's own settings win over these defaults
        }
        // the web page fills in the demo account's key (written once the gateway is up)
        gateway.put("i2v.gateway.web.demo-key-file", data.resolve("demo-api-key").toString());
        gateway.put("i2v.gateway.credits-url", "http://127.0.0.1:" + config.creditsPort());
        gateway.put("i2v.gateway.jobs-url", "http://127.0.0.1:" + config.jobsPort());
        // the tokens go by environment, not command line, so that ps does not show them
        gatewayProperties = Map.copyOf(gateway);
        services.add(launch("gateway-service", "gateway-service", config.gatewayPort(), gateway, gatewayEnvironment(), logs));
    }

    private ServiceProcess launch(String module, String name, int port, Map<String, String> properties,
                                  Map<String, String> env, Path logs) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("server.port", Integer.toString(port));
        return ServiceProcess.start(name, ServiceProcess.jarOf(config.home(), module), jvmOptions(module),
                extraJvmOptions(module), aotCache(), all, env, logs, port);
    }

    /**
     * Starts one more worker process (as a scale-out would) and returns at once, without waiting for it to be
     * healthy: its index for {@link #killWorker} and the like is the number of workers before the call.
     */
    public synchronized int addWorker(int port, Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(workerProperties);
        all.putAll(properties);
        String name = "worker-service-added-" + (workers.size() + 1);
        ServiceProcess process = launch("worker-service", name, port, named(all, name),
                Map.of("I2V_INTERNAL_TOKEN", internalToken), logDir);
        workers.add(process);
        services.add(process);
        return workers.size() - 1;
    }

    private Map<String, String> gatewayEnvironment() {
        return Map.of("I2V_GATEWAY_ADMINTOKEN", adminToken, "I2V_INTERNAL_TOKEN", internalToken,
                "I2V_GATEWAY_OPERATORS_TOKENS_0_NAME", "support", "I2V_GATEWAY_OPERATORS_TOKENS_0_ROLE", "support",
                "I2V_GATEWAY_OPERATORS_TOKENS_0_TOKEN", supportToken);
    }

    /**
     * Starts another gateway replica on {@code port}, with the first one's settings and database, and waits until
     * it is healthy; its base URL is {@code http://127.0.0.1:<port>}. It stops with the stack.
     */
    public synchronized String addGateway(int port) {
        String name = "gateway-service-added-" + port;
        ServiceProcess process = launch("gateway-service", name, port, gatewayProperties, gatewayEnvironment(), logDir);
        services.add(process);
        process.awaitHealthy(Duration.ofMinutes(2));
        return "http://127.0.0.1:" + port;
    }

    /** A worker names itself after its process, so that a test finds the process that holds a job from the job's row. */
    private static Map<String, String> named(Map<String, String> properties, String name) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("i2v.worker.worker-id", name);
        return all;
    }

    /**
     * The index of the worker process that reports itself as {@code workerId} (the {@code worker_id} of a job's
     * row), or -1 when no process of this stack has that id.
     */
    public int workerIndexOf(String workerId) {
        for (int i = 0; i < workers.size(); i++) {
            if (workers.get(i).name().equals(workerId)) {
                return i;
            }
        }
        return -1;
    }

    /** Stops worker {@code index} for good (SIGTERM, then its drain): the supervisor leaves it stopped. */
    public void stopWorker(int index) {
        ServiceProcess worker = workers.get(index);
        services.remove(worker);
        worker.close();
    }

    /** Waits until worker {@code index} answers its health check. */
    public void awaitWorkerHealthy(int index, Duration timeout) {
        workers.get(index).awaitHealthy(timeout);
    }

    /** The operating-system process id of each running service, by name (for CPU and memory readings). */
    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach(s -> pids.put(s.name(), s.pid()));
        return pids;
    }

    /** The operating-system process id of worker {@code index}. */
    public long workerPid(int index) {
        return workers.get(index).pid();
    }

    /** The port of worker {@code index}'s HTTP server (health, metrics). */
    public int workerPort(int index) {
        return workers.get(index).port();
    }

    /** The database's data directory: its server process is found by it. */
    public Path postgresDataDir() {
        return config.dataDir().toAbsolutePath().resolve("postgres");
    }

    /** SIGKILLs worker {@code index} (0-based); the supervisor starts it again within a second or two. */
    public void killWorker(int index) {
        workers.get(index).kill();
    }

    /** SIGKILLs the service named {@code name} (e.g. {@code gateway-service}); the supervisor starts it again. */
    public void killService(String name) {
        service(name).kill();
    }

    /** Waits until the service named {@code name} answers its health check (after the supervisor restarted it). */
    public void awaitServiceHealthy(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                service(name).awaitHealthy(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                return;
            } catch (IllegalStateException dead) {
                if (System.nanoTime() > deadline) {
                    throw dead;
                }
                try {
                    Thread.sleep(200); // dead until the supervisor's next pass starts it again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw dead;
                }
            }
        }
    }

    private ServiceProcess service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service named " + name));
    }

    /** Stops worker {@code index} gracefully (SIGTERM), as a scale-in does; the supervisor starts it again. */
    public void drainWorker(int index) {
        workers.get(index).signal("TERM");
    }

    /** Freezes worker {@code index} (SIGSTOP) until {@link #thawWorker}. */
    public void freezeWorker(int index) {
        workers.get(index).signal("STOP");
    }

    public void thawWorker(int index) {
        workers.get(index).signal("CONT");
    }

    /** Stops the broker and starts it again on the same ports and data, as a broker restart would. */
    public void restartKafka() {
        kafka.close();
        kafka = EmbeddedKafka.start(config.dataDir().toAbsolutePath().resolve("kafka"), config.kafkaPort(),
                config.kafkaControllerPort(), config.fastTestTimings());
    }

    /** Stops PostgreSQL and starts it again on the same port and data. */
    public void restartPostgres() {
        postgres.close();
        postgres = EmbeddedPostgresServer.start(config.dataDir().toAbsolutePath().resolve("postgres"), config.postgresPort());
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** JDBC URL of the stack's database (tests read it to check invariants). */
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    /**
     * The services' JVM options, the same for a service's AOT-cache training run and its runs. System properties
     * of the launching JVM tune them for measurements: {@code i2v.stack.full-jit=true} keeps the optimising
     * compiler everywhere (benchmarks), {@code i2v.stack.aot-cache=false} starts without the AOT caches,
     * {@code i2v.stack.image-options.<module>} replaces the module's image options (A/B runs of collectors, e.g.
     * {@code -Di2v.stack.image-options.gateway-service=-XX:+UseSerialGC}).
     */
    private List<String> jvmOptions(String module) {
        // the collector and its settings as the service's image has them, then this machine's caps
        List<String> options = new ArrayList<>(imageJvmOptions(module));
        options.addAll(List.of("-Xmx512m", "-Xss512k", "--enable-native-access=ALL-UNNAMED"));
        if (!module.equals("worker-service") && !Boolean.getBoolean("i2v.stack.full-jit")) {
            // these services wait on I/O; quick start-up matters more than peak compiled speed
            options.add("-XX:TieredStopAtLevel=1");
        }
        return options;
    }

    private static boolean aotCache() {
        // a system property of the launcher, or I2V_STACK_AOT_CACHE=false before bin/dev
        return !"false".equals(System.getProperty("i2v.stack.aot-cache", System.getenv("I2V_STACK_AOT_CACHE")));
    }

    /** {@code deploy/jvm/<module>.options}, which the Dockerfile copies into the module's image. */
    private List<String> imageJvmOptions(String module) {
        String replaced = System.getProperty("i2v.stack.image-options." + module);
        if (replaced != null) {
            return replaced.isBlank() ? List.of() : List.of(replaced.trim().split("\\s+"));
        }
        Path file = config.home().resolve("deploy").resolve("jvm").resolve(module + ".options");
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("no JVM options for " + module + " in " + file, e);
        }
    }

    /** {@code i2v.stack.jvm-options} adds options to every service's runs (e.g. a JFR recording). */
    private static List<String> extraJvmOptions(String module) {
        String extra = System.getProperty("i2v.stack.jvm-options", "").replace("{service}", module);
        return extra.isBlank() ? List.of() : List.of(extra.trim().split("\\s+"));
    }

    private Map<String, String> withDatabase(Map<String, String> common, String schema) {
        Map<String, String> properties = new HashMap<>(common);
        properties.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/"
                + EmbeddedPostgresServer.DATABASE + "?currentSchema=" + schema);
        properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
        properties.put("spring.datasource.password", "");
        return properties;
    }

    /** The demo account's key: created through the admin API on first start, read from its file after. */
    private String demoAccount(Path keyFile) {
        try {
            if (Files.exists(keyFile)) {
                return Files.readString(keyFile).trim();
            }
            HttpRequest create = HttpRequest.newBuilder(URI.create(config.gatewayUrl() + "/admin/v1/accounts"))
                    .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"plan\":\"free\"}")).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(create, HttpResponse.BodyHandlers.ofString());
            Matcher key = API_KEY.matcher(response.body());
            if (response.statusCode() != 201 || !key.find()) {
                throw new IllegalStateException("creating the demo account failed: " + response.statusCode() + " "
                        + response.body());
            }
            Files.writeString(keyFile, key.group(1) + "\n");
            return key.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** A random token kept in a file: made on first start, the same after. */
    private static String secret(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StackConfig config() {
        return config;
    }

    public String adminToken() {
        return adminToken;
    }

    /** The token of the read-only operator {@code support}, in {@code support-token} beside the admin token. */
    public String supportToken() {
        return supportToken;
    }

    public String demoApiKey() {
        return demoApiKey;
    }

    public List<Path> logs() {
        return services.stream().map(ServiceProcess::log).toList();
    }

    /** Stops the services first (they drain their work), then the broker and the database. */
    @Override
    public void close() {
        closing = true;
        supervisor.shutdownNow();
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.stream().map(s -> CompletableFuture.runAsync(s::close)).toList().forEach(CompletableFuture::join);
        services.clear();
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }
}
