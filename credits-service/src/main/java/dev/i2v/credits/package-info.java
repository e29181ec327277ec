/**
 * credits-service: accounts' points. Plans, grants, holds with concurrency slots, captures and
 * releases, and an append-only ledger. Owns the {@code credits} schema.
 */
package dev.i2v.credits;
