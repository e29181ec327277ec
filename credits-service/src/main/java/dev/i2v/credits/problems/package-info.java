/** The credits-service exception hierarchy; each maps to a problem+json with a stable code. */
package dev.i2v.credits.problems;
