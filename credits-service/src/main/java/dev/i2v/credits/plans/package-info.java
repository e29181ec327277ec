/**
 * Plans as data: operators list, create, edit and retire plans through {@code /internal/plans} (the gateway's
 * {@code /admin/v1/plans}). Every request reads its account's plan row, so an edit applies from the next request
 * on, in every replica, without a restart.
 */
package dev.i2v.credits.plans;
