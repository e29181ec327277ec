package dev.i2v.gateway.web;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The page's settings; public, like the page itself. */
@RestController
class WebConfigController {

    private final WebPageSettings settings;

    WebConfigController(WebPageSettings settings) {
        this.settings = settings;
    }

    @GetMapping("/web/config.json")
    ResponseEntity<WebConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(settings.current());
    }
}
