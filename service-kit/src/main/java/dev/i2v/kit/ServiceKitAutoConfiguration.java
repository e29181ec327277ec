package dev.i2v.kit;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import tools.jackson.databind.PropertyNamingStrategies;

import dev.i2v.contracts.events.Topics;

/** Applied to every service that has this module on its classpath. */
@AutoConfiguration
@Import(ProblemExceptionHandler.class)
public class ServiceKitAutoConfiguration {

    /**
     * The time source of the services' domain logic; tests that move time replace it. It ticks in
     * microseconds, PostgreSQL's precision, so an instant compared in Java equals the same instant read
     * back from the database (an expiry at exactly "now" is expired on both sides).
     */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1000));
    }

    /** Trace context across the outbox and the workers' own consumers. */
    @Bean
    TraceContexts traceContexts(org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
                                org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
        return new TraceContexts(tracer, propagator);
    }

    /** One JSON convention for the public API, the internal APIs and the events: snake_case. */
    @Bean
    JsonMapperBuilderCustomizer snakeCaseJson() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }

    /** Every service that talks to Kafka makes sure the system's topics exist. */
    @AutoConfiguration
    @ConditionalOnClass(KafkaAdmin.class)
    static class KafkaTopics {

        /**
         * Listeners retry a failing record with backoff for as long as it takes (a database restart must
         * not make them skip a settlement); only a record that cannot be read is logged and skipped.
         */
        @Bean
        org.springframework.kafka.listener.DefaultErrorHandler kafkaErrorHandler() {
            org.springframework.util.backoff.ExponentialBackOff backOff =
                    new org.springframework.util.backoff.ExponentialBackOff(200, 2.0);
            backOff.setMaxInterval(5_000);
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            org.springframework.kafka.listener.DefaultErrorHandler handler =
                    new org.springframework.kafka.listener.DefaultErrorHandler(backOff);
            handler.addNotRetryableExceptions(tools.jackson.core.JacksonException.class);
            return handler;
        }

        @Bean
        KafkaAdmin.NewTopics i2vTopics() {
            return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                    .map(t -> TopicBuilder.name(t.name()).partitions(t.partitions()).build())
                    .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
        }
    }
}
