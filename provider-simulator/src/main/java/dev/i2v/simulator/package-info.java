/**
 * Stand-ins for the paid video providers, as their documentation describes them
 * ({@code shared/reference/providers.md}): tasks that take time (compressed for tests), per-account limits
 * answered the way each provider answers them, transient and malformed answers on demand, callbacks, and a
 * count of what each would bill. Each simulator is a real HTTP server on a loopback port; the adapters and the
 * whole stack talk to it as they would to the provider.
 */
package dev.i2v.simulator;
