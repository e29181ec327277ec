/**
 * Video processing shared by the worker (which marks results as it stores them) and the gateway (which marks a
 * result on first download when the account's plan gained a watermark after the job ran).
 */
package dev.i2v.media;
