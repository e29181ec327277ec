/**
 * The baselines: the database work the services do for a job, as plain JDBC against the stack's own
 * PostgreSQL, in a scratch schema with the same tables and indexes so no service reacts to its rows.
 */
package dev.i2v.bench.baseline;
