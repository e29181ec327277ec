package dev.i2v.credits.pricing;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;

@RestController
class QuoteController {

    private final PriceList prices;

    QuoteController(PriceList prices) {
        this.prices = prices;
    }

    @PostMapping("/internal/quotes")
    CreditsApi.Quote quote(@RequestBody CreditsApi.QuoteRequest request) {
        return prices.quote(request);
    }
}
