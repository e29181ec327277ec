/**
 * Pauses: operators stop a lane, a model or a route (a provider account) during an incident and resume it after.
 * The scheduler reads the {@code pauses} table in its admission queries; route slots are refused while paused.
 */
package dev.i2v.jobs.pauses;
