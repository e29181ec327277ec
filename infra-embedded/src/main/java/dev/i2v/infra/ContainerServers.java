package dev.i2v.infra;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The Docker path: the same server products started by Testcontainers, at the versions the embedded path runs
 * ({@link ContainerImages}, written by the build from the pom).
 */
record ContainerServers(KafkaContainer kafka, PostgreSQLContainer postgres) implements TestServers {

    static ContainerServers start() {
        KafkaContainer kafka = new KafkaContainer(ContainerImages.kafka())
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
                .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
                .withEnv("KAFKA_GROUP_SHARE_MIN_RECORD_LOCK_DURATION_MS", "1000")
                .withEnv("KAFKA_GROUP_SHARE_RECORD_LOCK_DURATION_MS", "3000");
        PostgreSQLContainer postgres = new PostgreSQLContainer(ContainerImages.postgres());
        kafka.start();
        postgres.start();
        return new ContainerServers(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.getJdbcUrl();
    }

    @Override
    public String jdbcUser() {
        return postgres.getUsername();
    }

    @Override
    public String jdbcPassword() {
        return postgres.getPassword();
    }
}
