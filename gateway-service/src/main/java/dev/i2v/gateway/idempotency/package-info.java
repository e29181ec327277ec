/**
 * {@code Idempotency-Key} with Stripe's semantics: the first successful response under a key is stored
 * and replayed for 24 h; concurrent duplicates wait for the first and get its answer; the same key with
 * a different request is 422 {@code idempotency_key_reused}. A failed request stores nothing (it
 * changed nothing), so a retry under the same key runs again.
 */
package dev.i2v.gateway.idempotency;
