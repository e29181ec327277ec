package dev.i2v.gateway.videos;

import dev.i2v.gateway.images.DataUris;

/** A JSON create request; {@code image} is a {@code data:} URI. */
record VideoJsonRequest(String prompt, String image, String imageUrl, String model, Integer duration, String resolution,
                        Boolean promptOptimizer, String lane, String webhookUrl) {

    VideoRequest toRequest() {
        return new VideoRequest(prompt, DataUris.decode(image, "image"), imageUrl, model, duration, resolution,
                promptOptimizer, lane, webhookUrl);
    }
}
