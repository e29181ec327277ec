/** The job-service exception hierarchy; each maps to a problem+json with a stable code. */
package dev.i2v.jobs.problems;
