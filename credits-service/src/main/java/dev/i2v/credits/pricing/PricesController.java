package dev.i2v.credits.pricing;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The price table: {@code /internal/prices/{model}/{duration}/{resolution}/{lane}}. */
@RestController
@RequestMapping("/internal/prices")
class PricesController {

    private final PriceTableService prices;

    PricesController(PriceTableService prices) {
        this.prices = prices;
    }

    @GetMapping
    Map<String, List<PriceRow>> all() {
        return Map.of("data", prices.all());
    }

    @GetMapping("/{model}/{duration}/{resolution}/{lane}")
    PriceRow find(@PathVariable String model, @PathVariable int duration, @PathVariable String resolution,
                  @PathVariable String lane) {
        return prices.find(model, duration, resolution, lane);
    }

    @PutMapping("/{model}/{duration}/{resolution}/{lane}")
    PriceRow put(@PathVariable String model, @PathVariable int duration, @PathVariable String resolution,
                 @PathVariable String lane, @RequestBody PointsRequest request) {
        return prices.put(model, duration, resolution, lane, request.points());
    }

    @DeleteMapping("/{model}/{duration}/{resolution}/{lane}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String model, @PathVariable int duration, @PathVariable String resolution,
                @PathVariable String lane) {
        prices.remove(model, duration, resolution, lane);
    }

    record PointsRequest(Long points) {
    }
}
