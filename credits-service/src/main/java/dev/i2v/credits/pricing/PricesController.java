package dev.i2v.credits.pricing;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;

/** The price table: {@code /internal/prices/{model}/{duration}/{resolution}/{lane}}. */
@RestController
@RequestMapping("/internal/prices")
class PricesController {

    private final PriceTableService prices;

    PricesController(PriceTableService prices) {
        this.prices = prices;
    }

    @GetMapping
    CreditsApi.PriceList all() {
        return new CreditsApi.PriceList(prices.all());
    }

    @GetMapping("/{model}/{duration}/{resolution}/{lane}")
    CreditsApi.PriceRow find(@PathVariable String model, @PathVariable int duration, @PathVariable String resolution,
                  @PathVariable String lane) {
        return prices.find(model, duration, resolution, lane);
    }

    @PutMapping("/{model}/{duration}/{resolution}/{lane}")
    CreditsApi.PriceRow put(@PathVariable String model, @PathVariable int duration, @PathVariable String resolution,
                 @PathVariable String lane, @RequestBody CreditsApi.PriceRequest request) {
        return prices.put(model, duration, resolution, lane, request.points());
    }

    @DeleteMapping("/{model}/{duration}/{resolution}/{lane}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String model, @PathVariable int duration, @PathVariable String resolution,
                @PathVariable String lane) {
        prices.remove(model, duration, resolution, lane);
    }
}
