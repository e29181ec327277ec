/**
 * worker-service: stateless. Takes jobs from the dispatch topics through a Kafka share group, runs
 * them on a video engine, stores the output and reports what happened. Owns no database.
 */
package dev.i2v.worker;
