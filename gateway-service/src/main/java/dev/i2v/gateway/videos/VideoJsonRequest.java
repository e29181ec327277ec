package dev.i2v.gateway.videos;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.i2v.gateway.problems.GatewayException;

/** A JSON create request; {@code image} is a {@code data:} URI. */
record VideoJsonRequest(String prompt, String image, String imageUrl, String model, Integer duration, String resolution,
                        Boolean promptOptimizer, String lane, String webhookUrl) {

    private static final Pattern DATA_URI = Pattern.compile("^data:([\\w.+-]+/[\\w.+-]+)?(;[\\w-]+=[\\w.-]+)*;base64,(.*)$",
            Pattern.DOTALL);

    VideoRequest toRequest() {
        return new VideoRequest(prompt, decode(image), imageUrl, model, duration, resolution, promptOptimizer, lane,
                webhookUrl);
    }

    private static byte[] decode(String dataUri) {
        if (dataUri == null) {
            return null;
        }
        Matcher m = DATA_URI.matcher(dataUri);
        if (!m.matches()) {
            throw GatewayException.invalid("invalid_image", "image must be a base64 data: URI");
        }
        try {
            return Base64.getMimeDecoder().decode(m.group(3));
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalid("invalid_image", "image is not valid base64");
        }
    }
}
