/**
 * The addresses hosted providers call back on: a worker puts a signed link naming the job's attempt into a task's
 * create, the gateway verifies it when the provider calls. Shared so that both sides sign the same way.
 */
package dev.i2v.kit.callbacks;
