/**
 * Hosted video models behind one adapter port, {@link dev.i2v.worker.providers.ProviderAdapter}:
 * submit → poll → fetch the result (→ cancel where the provider allows). {@link
 * dev.i2v.worker.providers.ProviderVideoEngine} drives any adapter as a video engine, mapping the
 * provider's failures to ours (transient: retried; rate limited: wait as told; moderation, invalid
 * input, account problems: fail without charge) and copying the result into our storage at once.
 */
package dev.i2v.worker.providers;
