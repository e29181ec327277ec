/** Accounts and their plans: opening an account (with its signup grant) and reading its credits. */
package dev.i2v.credits.accounts;
