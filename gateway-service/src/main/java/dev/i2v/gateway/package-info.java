/**
 * gateway-service: the only public entry. Authenticates API keys, validates images and prompts,
 * orchestrates a submission (store image, hold points, create job), and serves status, downloads and
 * credits. Owns the {@code gateway} schema (API keys).
 */
package dev.i2v.gateway;
