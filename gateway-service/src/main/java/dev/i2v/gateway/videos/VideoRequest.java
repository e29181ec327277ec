package dev.i2v.gateway.videos;

/**
 * A create or quote request as the client sent it, from either a multipart form or JSON; any field
 * may be missing. {@code image} is the image's bytes when they came with the request.
 */
record VideoRequest(String prompt, byte[] image, String imageUrl, String model, Integer duration, String resolution,
                    Boolean promptOptimizer, String lane, String webhookUrl) {
}
