package dev.i2v.credits.plans;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/internal/plans")
class PlansController {

    private final PlanCatalogService plans;

    PlansController(PlanCatalogService plans) {
        this.plans = plans;
    }

    @GetMapping
    Map<String, List<PlanView>> all() {
        return Map.of("data", plans.all());
    }

    @GetMapping("/{code}")
    PlanView find(@PathVariable String code) {
        return plans.find(code);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PlanView create(@RequestBody PlanTerms terms) {
        return plans.create(terms);
    }

    @PutMapping("/{code}")
    PlanView edit(@PathVariable String code, @RequestBody PlanTerms terms) {
        return plans.edit(code, terms);
    }

    @PostMapping("/{code}/retire")
    PlanView retire(@PathVariable String code) {
        return plans.retire(code);
    }

    @PostMapping("/{code}/restore")
    PlanView restore(@PathVariable String code) {
        return plans.restore(code);
    }
}
