/** The registry of accounts and plans: rows, read and locked here, changed by the application services. */
package dev.i2v.credits.registry;
