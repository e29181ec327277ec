package dev.i2v.gateway.videos;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/inputs/{key}?expires=&signature=}: input images for providers, authorized by the
 * link's signature instead of an API key. HEAD is answered too (Runway checks with HEAD first).
 */
@RestController
class InputLinksController {

    static final String PREFIX = "/v1/inputs/";

    private final InputLinkService inputs;

    InputLinksController(InputLinkService inputs) {
        this.inputs = inputs;
    }

    @GetMapping(PREFIX + "**")
    ResponseEntity<StoredObjectResource> input(HttpServletRequest request, @RequestParam long expires,
                                               @RequestParam String signature) {
        String key = request.getRequestURI().substring(request.getContextPath().length() + PREFIX.length());
        StoredObjectResource image = inputs.open(key, expires, signature);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(image.contentType()))
                .cacheControl(CacheControl.noStore()).body(image);
    }
}
