package dev.i2v.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Kafka broker and PostgreSQL server that integration tests use: started once per JVM, stopped
 * when it exits. Embedded servers by default; with {@code -Di2v.infra=testcontainers} (a Docker
 * engine required) Testcontainers starts the same products in containers instead.
 */
public interface TestServers {

    /** Kafka bootstrap servers, {@code host:port}. */
    String kafkaBootstrapServers();

    String jdbcUrl();

    String jdbcUser();

    String jdbcPassword();

    /**
     * Spring Boot properties that point a service at these servers, with its JDBC connections on
     * the given schema.
     */
    /** The service credential of the internal APIs in tests ({@code i2v.internal.token}). */
    String INTERNAL_TOKEN = "test-internal-token-0123456789abcdef";

    default Map<String, String> springProperties(String schema) {
        String url = jdbcUrl() + (jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", jdbcUser(),
                "spring.datasource.password", jdbcPassword(),
                "spring.kafka.bootstrap-servers", kafkaBootstrapServers(),
                "i2v.internal.token", INTERNAL_TOKEN);
    }

    /** The servers of this JVM, started on first call. */
    static TestServers shared() {
        return Holder.INSTANCE;
    }

    final class Holder {
        private static final TestServers INSTANCE = create();

        private Holder() {
        }

        private static TestServers create() {
            if ("testcontainers".equals(System.getProperty("i2v.infra", System.getenv("I2V_INFRA")))) {
                return ContainerServers.start();
            }
            return EmbeddedServers.start();
        }
    }

    /** Both servers in this JVM, data in a temporary directory. */
    record EmbeddedServers(EmbeddedKafka kafka, EmbeddedPostgresServer postgres) implements TestServers {

        static EmbeddedServers start() {
            try {
                Path dir = Files.createTempDirectory("i2v-test-kafka");
                EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, FreePorts.next());
                EmbeddedKafka kafka = EmbeddedKafka.start(dir, FreePorts.next(), FreePorts.next(), true);
                EmbeddedServers servers = new EmbeddedServers(kafka, postgres);
                Runtime.getRuntime().addShutdownHook(new Thread(servers::stop, "test-servers-stop"));
                return servers;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void stop() {
            kafka.close();
            postgres.close();
        }

        @Override
        public String kafkaBootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public String jdbcUrl() {
            return postgres.jdbcUrl();
        }

        @Override
        public String jdbcUser() {
            return EmbeddedPostgresServer.USER;
        }

        @Override
        public String jdbcPassword() {
            return "";
        }
    }
}
