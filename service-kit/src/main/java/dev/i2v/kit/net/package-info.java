/**
 * Outbound calls to URLs that clients give us ({@code image_url}, {@code webhook_url}): which addresses they may
 * reach (public unicast only) and a resolver that enforces it at connect time, against SSRF.
 */
package dev.i2v.kit.net;
