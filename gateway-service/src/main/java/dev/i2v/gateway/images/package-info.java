/**
 * Intake of input images: the type is judged by magic bytes, never by the declared content type, and
 * the pixel size is read from the header before anything is decoded (decompression bombs).
 */
package dev.i2v.gateway.images;
