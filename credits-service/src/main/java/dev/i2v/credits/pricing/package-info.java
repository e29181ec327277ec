/** Prices of jobs, quoted before submit and stored on the job. */
package dev.i2v.credits.pricing;
