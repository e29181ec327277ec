package dev.i2v.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/dev}: runs the local stack in the foreground until Ctrl-C or SIGTERM.
 * Options: {@code --home DIR} (repository root, default: current directory), {@code --data DIR}
 * (default: {@code <home>/.local-stack}), {@code --port N} (gateway port, default 8080 or {@code $I2V_PORT}).
 */
public final class LocalStackMain {

    static {
        // before any logger exists: the broker and the database speak only when something is wrong;
        // the services log to <data>/logs
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.i2v", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    }

    private LocalStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(option(args, "--home", ".")).toAbsolutePath().normalize();
        Path data = Path.of(option(args, "--data", home.resolve(".local-stack").toString()));
        int port = Integer.parseInt(option(args, "--port", System.getenv().getOrDefault("I2V_PORT", "8080")));
        long started = System.nanoTime();
        System.out.println("i2v local stack: starting PostgreSQL, Kafka and four services (data in " + data + ")");
        LocalStack stack;
        try {
            stack = LocalStack.start(StackConfig.local(home, data, port));
        } catch (RuntimeException | LinkageError e) {
            // a linkage error (a missing library) must end the launcher too, not leave it hanging half-started
            System.err.println("i2v local stack: could not start: " + e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\ni2v local stack: stopping...");
            stack.close();
            System.out.println("i2v local stack: stopped");
            stopped.countDown();
        }, "local-stack-stop"));
        printBanner(stack, (System.nanoTime() - started) / 1e9);
        stopped.await();
    }

    private static void printBanner(LocalStack stack, double seconds) {
        String url = stack.config().gatewayUrl();
        Path data = stack.config().dataDir();
        System.out.printf("""

                i2v local stack ready in %.1f s
                  API            %s   (health: %s/actuator/health)
                  demo API key   %s   (also in %s)
                  admin token    in %s   (support, read-only: support-token beside it)
                  operators      %s/admin
                  logs           %s
                  try            curl -H "Authorization: Bearer $(cat %s)" %s/v1/credits
                Ctrl-C stops everything; data is kept for the next start.
                %n""", seconds, url, url, stack.demoApiKey(), data.resolve("demo-api-key"), data.resolve("admin-token"),
                url, data.resolve("logs"), data.resolve("demo-api-key"), url);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
