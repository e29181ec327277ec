package dev.i2v.credits.plans;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;

@RestController
@RequestMapping("/internal/plans")
class PlansController {

    private final PlanCatalogService plans;

    PlansController(PlanCatalogService plans) {
        this.plans = plans;
    }

    @GetMapping
    CreditsApi.PlanList all() {
        return new CreditsApi.PlanList(plans.all());
    }

    @GetMapping("/{code}")
    CreditsApi.PlanView find(@PathVariable String code) {
        return plans.find(code);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreditsApi.PlanView create(@RequestBody CreditsApi.PlanTerms terms) {
        return plans.create(terms);
    }

    @PutMapping("/{code}")
    CreditsApi.PlanView edit(@PathVariable String code, @RequestBody CreditsApi.PlanTerms terms) {
        return plans.edit(code, terms);
    }

    @PostMapping("/{code}/retire")
    CreditsApi.PlanView retire(@PathVariable String code) {
        return plans.retire(code);
    }

    @PostMapping("/{code}/restore")
    CreditsApi.PlanView restore(@PathVariable String code) {
        return plans.restore(code);
    }
}
