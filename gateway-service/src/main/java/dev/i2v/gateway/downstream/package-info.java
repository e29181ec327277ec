/**
 * Clients of the internal APIs of credits-service and job-service. A downstream refusal meant for
 * the client (402, 429) is relayed with its code; an outage becomes 503 {@code unavailable}.
 */
package dev.i2v.gateway.downstream;
