/**
 * Webhooks per the Standard Webhooks spec: a job's terminal state is POSTed to its {@code webhook_url},
 * signed with the account's secret ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature: v1,<HMAC-SHA256>}), from an outbox written in the job's transaction, retried
 * with growing delays; the id stays the same across retries so receivers can deduplicate.
 */
package dev.i2v.jobs.webhooks;
