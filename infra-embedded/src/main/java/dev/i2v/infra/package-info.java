/**
 * Real Kafka and PostgreSQL servers started from Maven artifacts, without Docker: the local stack
 * runs on them and the integration tests start them through {@link dev.i2v.infra.TestServers}.
 */
package dev.i2v.infra;
