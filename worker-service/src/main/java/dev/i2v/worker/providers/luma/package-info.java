/** Luma Dream Machine: {@code generations} with image keyframes given by URL. */
package dev.i2v.worker.providers.luma;
