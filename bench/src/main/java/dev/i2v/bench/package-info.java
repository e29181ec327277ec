/**
 * Benchmarks and the long fault suite against a local stack: {@link dev.i2v.bench.Bench} runs the scenarios
 * (submit ramp, orchestration overhead, completions, in-flight capacity, cold start, faults), each on a fresh
 * stack, and writes JSON, Markdown and PNG reports. Every figure comes with a baseline measured in the same run.
 */
package dev.i2v.bench;
