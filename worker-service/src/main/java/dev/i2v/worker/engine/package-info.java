/**
 * Video engines behind one port, {@link dev.i2v.worker.engine.VideoEngine}: the built-in local engine
 * here, provider adapters (MiniMax, Runway, ...) beside it.
 */
package dev.i2v.worker.engine;
