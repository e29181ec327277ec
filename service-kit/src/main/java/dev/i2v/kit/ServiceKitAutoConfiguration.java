package dev.i2v.kit;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.StringJacksonJsonMessageConverter;
import org.springframework.util.backoff.ExponentialBackOff;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

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
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }

    /** Trace context across the outbox and the workers' own consumers. */
    @Bean
    TraceContexts traceContexts(ObjectProvider<Tracer> tracer,
                                ObjectProvider<Propagator> propagator) {
        return new TraceContexts(tracer, propagator);
    }

    /**
     * No observation (timer and span) for each run of a {@code @Scheduled} method: the outbox relay, the scheduler
     * and the maintenance passes run every 100–250 ms in every replica, mostly finding nothing, and their spans
     * (one root trace per run) were a measurable share of an idle service's CPU. The work a pass does is still
     * traced: it continues the trace of the job it acts for ({@link TraceContexts}).
     */
    @Bean
    ObservationPredicate noScheduledRunObservations() {
        return (name, context) -> !"tasks.scheduled.execution".equals(name);
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

        private static final Logger log = LoggerFactory.getLogger(KafkaTopics.class);

        /**
         * Listeners retry a failing record with backoff for as long as it takes (a database restart must
         * not make them skip a settlement); a record that can never be applied (it cannot be read as its topic's
         * event) is parked on {@link Topics#parked(String)} and counted, never retried and never lost.
         */
        @Bean
        DefaultErrorHandler kafkaErrorHandler(KafkaOperations<?, ?> kafka, MeterRegistry meters) {
            ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
            backOff.setMaxInterval(5_000);
            backOff.setMaxElapsedTime(Long.MAX_VALUE);
            DeadLetterPublishingRecoverer park = new DeadLetterPublishingRecoverer(kafka,
                    (record, e) -> new TopicPartition(Topics.parked(record.topic()), -1));
            DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
                Counter.builder("i2v.kafka.parked").description("records a listener can never apply, parked")
                        .tag("topic", record.topic()).register(meters).increment();
                log.error("record {}-{}@{} can never be applied and is parked on {}: {}", record.topic(),
                        record.partition(), record.offset(), Topics.parked(record.topic()),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
                park.accept(record, e);
            }, backOff);
            handler.addNotRetryableExceptions(JacksonException.class);
            return handler;
        }

        /** Listeners take their topic's typed event; the payload is JSON in the services' one convention. */
        @Bean
        StringJacksonJsonMessageConverter kafkaMessageConverter(JsonMapper json) {
            return new StringJacksonJsonMessageConverter(json);
        }

        @Bean
        KafkaAdmin.NewTopics i2vTopics() {
            return new KafkaAdmin.NewTopics(Topics.ALL.stream()
                    .map(t -> TopicBuilder.name(t.name()).partitions(t.partitions()).build())
                    .toArray(NewTopic[]::new));
        }
    }
}
