/**
 * Accounts as callers see them: opening one (with its signup grant), reading its credits, changing its
 * plan, operators' grants and the ledger audit. Application services and their HTTP mapping.
 */
package dev.i2v.credits.accounts;
