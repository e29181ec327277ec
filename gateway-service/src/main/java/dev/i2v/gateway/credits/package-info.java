/** The caller's points: balance, plan, slots in use, and the ledger history. */
package dev.i2v.gateway.credits;
