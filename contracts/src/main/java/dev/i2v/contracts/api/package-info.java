/**
 * Request and response records of the internal HTTP APIs of credits-service ({@code /internal/credits})
 * and job-service ({@code /internal/jobs}). Only the gateway calls them; they are never exposed.
 */
package dev.i2v.contracts.api;
