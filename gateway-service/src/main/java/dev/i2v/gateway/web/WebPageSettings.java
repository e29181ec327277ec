package dev.i2v.gateway.web;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.i2v.gateway.GatewayProperties;

/** What the page needs to know before anyone signs in: the image rules it checks first, and a demo key if any. */
@Service
class WebPageSettings {

    private static final Logger log = LoggerFactory.getLogger(WebPageSettings.class);

    private final WebPageProperties web;
    private final GatewayProperties.Images images;

    WebPageSettings(WebPageProperties web, GatewayProperties gateway) {
        this.web = web;
        this.images = gateway.images();
    }

    WebConfig current() {
        return new WebConfig(demoKey().orElse(null), new WebConfig.ImageLimits(images.maxBytes(), images.maxPixels(),
                images.minShortSide(), images.maxAspect()));
    }

    /** Read on each call: the local stack writes the file after the gateway is up. */
    private Optional<String> demoKey() {
        if (web.demoKeyFile() == null || !Files.isReadable(web.demoKeyFile())) {
            return Optional.empty();
        }
        try {
            String key = Files.readString(web.demoKeyFile()).trim();
            return key.isEmpty() ? Optional.empty() : Optional.of(key);
        } catch (IOException e) {
            log.warn("demo key file {} unreadable: {}", web.demoKeyFile(), e.toString());
            return Optional.empty();
        }
    }
}
