package dev.i2v.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * The Testcontainers path runs what the embedded path runs: the image tags name the Kafka version whose broker
 * and client are on the classpath (4.4, with the share groups' RENEW the worker relies on), and the PostgreSQL
 * version of the embedded binaries.
 */
class ContainerImagesTest {

    @Test
    void theKafkaImageIsTheKafkaVersionOnTheClasspath() throws Exception {
        Properties clients = new Properties();
        try (InputStream in = ContainerImagesTest.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            clients.load(in);
        }
        String onClasspath = clients.getProperty("version");

        assertThat(onClasspath).startsWith("4.4");
        assertThat(ContainerImages.kafka()).isEqualTo("apache/kafka:" + onClasspath);
        assertThat(ContainerImages.embeddedKafkaVersion()).isEqualTo(onClasspath);
    }

    @Test
    void thePostgresImageIsTheEmbeddedBinariesVersion() {
        assertThat(ContainerImages.embeddedPostgresVersion()).matches("\\d+\\.\\d+\\.\\d+").startsWith("18.");
        String embedded = ContainerImages.embeddedPostgresVersion();
        assertThat(ContainerImages.postgres()).isEqualTo("postgres:" + embedded.substring(0, embedded.lastIndexOf('.')));
    }
}
