/**
 * Grants as lots of points: signup, daily, monthly (per plan, expiring at period end) and operators'
 * grants. Spending takes the lot that expires soonest first; an expired lot leaves the balance through
 * an expiry entry. Every grant is idempotent by its key.
 */
package dev.i2v.credits.grants;
