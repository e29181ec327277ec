/**
 * Hosted providers' callbacks ({@code POST /v1/provider-callbacks/{provider}/{token}}): the signed link a worker
 * gave the provider is verified, MiniMax's challenge is echoed, and the worker waiting on the task is told to query
 * it at once. A callback's body is never trusted for a result.
 */
package dev.i2v.gateway.providercallbacks;
