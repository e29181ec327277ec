/** Kling's API: {@code image2video} tasks under a short-lived HS256 JWT made from the access and secret keys. */
package dev.i2v.worker.providers.kling;
