package dev.i2v.gateway.providercallbacks;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.kit.callbacks.CallbackLinks;

/** Where hosted providers call back; authorized by the signed link, not an API key. */
@RestController
class ProviderCallbacksController {

    private final ProviderCallbackService callbacks;

    ProviderCallbacksController(ProviderCallbackService callbacks) {
        this.callbacks = callbacks;
    }

    @PostMapping(path = CallbackLinks.PATH + "/{provider}/{token}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> callback(@PathVariable String provider, @PathVariable String token,
                                 @RequestHeader(name = "X-Fal-Webhook-Request-Id", required = false) String falRequest,
                                 @RequestHeader(name = "X-Fal-Webhook-User-Id", required = false) String falUser,
                                 @RequestHeader(name = "X-Fal-Webhook-Timestamp", required = false) String falTime,
                                 @RequestHeader(name = "X-Fal-Webhook-Signature", required = false) String falSignature,
                                 @RequestBody(required = false) byte[] body) {
        return callbacks.receive(provider, token,
                new FalSignatures.Headers(falRequest, falUser, falTime, falSignature), body);
    }
}
