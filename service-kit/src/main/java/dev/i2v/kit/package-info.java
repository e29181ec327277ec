/**
 * What every service configures the same way, as Spring Boot auto-configuration: errors as RFC 9457
 * problem+json with a stable {@code code} ({@link dev.i2v.kit.ProblemException}), snake_case JSON,
 * and the Kafka topics of {@link dev.i2v.contracts.events.Topics}.
 */
package dev.i2v.kit;
