/**
 * The local stack: one command starts a real Kafka broker and PostgreSQL (in this JVM) and the four
 * services (each its own JVM, as in production), keeps data between runs, and creates a demo account.
 */
package dev.i2v.localstack;
