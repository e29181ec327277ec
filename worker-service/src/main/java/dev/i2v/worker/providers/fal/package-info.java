/** fal's queue API: one adapter for the many open models fal hosts, addressed by application path. */
package dev.i2v.worker.providers.fal;
