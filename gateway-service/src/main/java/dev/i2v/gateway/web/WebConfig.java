package dev.i2v.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /web/config.json}.
 *
 * @param demoApiKey  the local stack's demo key, present only there
 * @param imageLimits the gateway's image rules, so the page's checks match the server's
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record WebConfig(String demoApiKey, ImageLimits imageLimits) {

    record ImageLimits(long maxBytes, long maxPixels, int minShortSide, double maxAspect) {
    }
}
