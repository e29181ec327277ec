/**
 * The scheduler: jobs wait in PostgreSQL and are admitted to the workers (their dispatch record written) only when
 * they may start — within their account's parallel limit, fairly between accounts inside a lane, priority lane
 * first — and never more than a window of admitted-but-unclaimed jobs per lane, so that the order in Kafka is the
 * scheduler's. One replica admits at a time (a PostgreSQL advisory lock held for the pass's transaction).
 */
package dev.i2v.jobs.scheduling;
