/** Points metrics for operators, read from the ledger so they are exact and survive restarts. */
package dev.i2v.credits.metrics;
