package dev.i2v.credits;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * credits-service on the shared real PostgreSQL and Kafka, with a movable clock and the sweepers
 * quiet (tests call them when they mean to). All such tests share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"i2v.credits.sweep-interval=1d", "i2v.credits.metrics-interval=200ms"})
@Import(TestClockConfiguration.class)
public @interface CreditsIntegrationTest {
}
