/**
 * Operators' pauses as the gateway applies them: a model or lane paused with mode {@code refuse} answers new submits
 * 503 ({@code model_paused}, {@code lane_paused}) before any points are held. job-service owns the pauses; the gateway
 * reads them at most every two seconds.
 */
package dev.i2v.gateway.pauses;
