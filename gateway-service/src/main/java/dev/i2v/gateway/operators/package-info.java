/**
 * Operators: who calls {@code /admin/v1}, with which role, and the append-only audit log of what they changed.
 * The admin token is the operator {@code admin} with the admin role; scoped tokens add named operators, e.g. support
 * staff who may read everything and change nothing.
 */
package dev.i2v.gateway.operators;
