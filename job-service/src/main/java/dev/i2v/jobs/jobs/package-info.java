/** The job record, its state machine, and the application services that create and read jobs. */
package dev.i2v.jobs.jobs;
