/**
 * The OpenAI-compatible door ({@code /openai/v1/videos}): OpenAI's Videos API as its official SDKs call it,
 * mapped onto the same jobs, points, plans and limits as the native {@code /v1} API. Errors come in OpenAI's
 * envelope.
 */
package dev.i2v.gateway.openai;
