package dev.i2v.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Testcontainers image tags, which the build writes from the embedded servers' versions in the pom. */
final class ContainerImages {

    private static final Properties IMAGES = load();

    private ContainerImages() {
    }

    static String kafka() {
        return IMAGES.getProperty("kafka.image");
    }

    /** PostgreSQL's images are tagged major.minor ({@code postgres:18.6}); zonky's binaries add a patch (18.6.0). */
    static String postgres() {
        String[] version = embeddedPostgresVersion().split("\\.");
        return "postgres:" + version[0] + "." + version[1];
    }

    /** The versions the embedded path runs, as the build saw them. */
    static String embeddedKafkaVersion() {
        return IMAGES.getProperty("embedded.kafka.version");
    }

    static String embeddedPostgresVersion() {
        return IMAGES.getProperty("embedded.postgres.version");
    }

    private static Properties load() {
        try (InputStream in = ContainerImages.class.getResourceAsStream("container-images.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
