/**
 * What the services say to each other: Kafka events with their topic names ({@code events}) and
 * the records of the internal HTTP APIs ({@code api}). Defined once here, never copied.
 */
package dev.i2v.contracts;
