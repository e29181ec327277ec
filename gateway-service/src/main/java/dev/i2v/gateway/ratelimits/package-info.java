/**
 * Request rate limits per account, as token buckets (Bucket4j) held by each gateway instance: one
 * for all {@code /v1} calls and a tighter one for submissions. Every answer carries {@code RateLimit-*}
 * headers; an empty bucket is 429 {@code rate_limited} with {@code Retry-After}.
 */
package dev.i2v.gateway.ratelimits;
