/** Readings of the running stack from outside: CPU time of its processes, a worker's heap, work events. */
package dev.i2v.bench.probe;
