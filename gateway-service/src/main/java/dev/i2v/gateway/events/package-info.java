/**
 * Server-Sent Events of a job's state changes ({@code GET /v1/videos/{id}/events}): the current state
 * first, then each change heard on the job events topic, ending after the terminal one.
 */
package dev.i2v.gateway.events;
