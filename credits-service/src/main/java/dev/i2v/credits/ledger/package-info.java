/** The append-only ledger: every change of an account's balance is one entry, written with the change. */
package dev.i2v.credits.ledger;
