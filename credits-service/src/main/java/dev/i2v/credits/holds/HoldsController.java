package dev.i2v.credits.holds;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;

@RestController
@RequestMapping("/internal/holds")
class HoldsController {

    private final HoldService holds;

    HoldsController(HoldService holds) {
        this.holds = holds;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreditsApi.HoldView place(@RequestBody CreditsApi.PlaceHold request) {
        return holds.placePriced(request);
    }

    @PostMapping("/{jobId}/capture")
    CreditsApi.HoldView capture(@PathVariable UUID jobId) {
        return holds.capture(jobId);
    }

    @PostMapping("/{jobId}/release")
    CreditsApi.HoldView release(@PathVariable UUID jobId) {
        return holds.release(jobId);
    }
}
