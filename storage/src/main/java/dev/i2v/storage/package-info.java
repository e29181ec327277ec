/**
 * Object storage behind one port, {@link dev.i2v.storage.ObjectStore}: input images and output
 * videos. The filesystem implementation backs the local stack; an S3-compatible one goes behind the
 * same port in production.
 */
package dev.i2v.storage;
