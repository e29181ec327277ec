package dev.i2v.gateway.videos;

import java.io.IOException;

import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.multipart.MultipartFile;

/** The text fields of a multipart create request. */
record VideoForm(String prompt, @BindParam("image_url") String imageUrl, String model, Integer duration,
                 String resolution, @BindParam("prompt_optimizer") Boolean promptOptimizer, String lane,
                 @BindParam("webhook_url") String webhookUrl) {

    VideoRequest toRequest(MultipartFile image) throws IOException {
        return new VideoRequest(prompt, image == null ? null : image.getBytes(), imageUrl, model, duration, resolution,
                promptOptimizer, lane, webhookUrl);
    }
}
