/**
 * The video jobs of the public API: submit (image + prompt), read, list, quote and download. A
 * submission stores the image, holds the price and creates the job, undoing what it did if a later
 * step fails, so a refused request leaves nothing behind.
 */
package dev.i2v.gateway.videos;
