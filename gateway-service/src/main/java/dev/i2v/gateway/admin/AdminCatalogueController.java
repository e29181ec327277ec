package dev.i2v.gateway.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.operators.Operator;

/** {@code /admin/v1/plans}, {@code /admin/v1/prices} and {@code /admin/v1/models}: plans, prices and models as data. */
@RestController
class AdminCatalogueController {

    private static final String PRICE = "/admin/v1/prices/{model}/{duration}/{resolution}/{lane}";

    private final CatalogueAdministration catalogue;
    private final CreditsClient credits;
    private final JobsClient jobs;

    AdminCatalogueController(CatalogueAdministration catalogue, CreditsClient credits, JobsClient jobs) {
        this.catalogue = catalogue;
        this.credits = credits;
        this.jobs = jobs;
    }

    @GetMapping("/admin/v1/plans")
    CreditsApi.PlanList plans() {
        return credits.plans();
    }

    @GetMapping("/admin/v1/plans/{code}")
    CreditsApi.PlanView plan(@PathVariable String code) {
        return credits.plan(code);
    }

    /** A new plan; its accounts follow its rules from their first request. */
    @PostMapping("/admin/v1/plans")
    @ResponseStatus(HttpStatus.CREATED)
    CreditsApi.PlanView createPlan(@RequestAttribute(Operator.ATTRIBUTE) Operator operator,
                                   @RequestBody CreditsApi.PlanTerms terms) {
        return catalogue.createPlan(operator, terms);
    }

    /** Replaces every rule of the plan; its accounts follow the new rules from their next request, without a restart. */
    @PutMapping("/admin/v1/plans/{code}")
    CreditsApi.PlanView editPlan(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String code,
                                 @RequestBody CreditsApi.PlanTerms terms) {
        return catalogue.editPlan(operator, code, terms);
    }

    /** No account may move onto a retired plan; those on it keep it until they move. */
    @PostMapping("/admin/v1/plans/{code}/retire")
    CreditsApi.PlanView retirePlan(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String code) {
        return catalogue.retirePlan(operator, code, true);
    }

    @PostMapping("/admin/v1/plans/{code}/restore")
    CreditsApi.PlanView restorePlan(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String code) {
        return catalogue.retirePlan(operator, code, false);
    }

    @GetMapping("/admin/v1/models")
    JobsApi.CatalogueList models() {
        return jobs.catalogue();
    }

    /** Adds or replaces a model: durations and resolutions, provider model id, whether it is offered. */
    @PutMapping("/admin/v1/models/{id}")
    JobsApi.CatalogueModel putModel(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String id,
                                    @RequestBody JobsApi.CatalogueModelRequest request) {
        return catalogue.putModel(operator, id, request);
    }

    @GetMapping("/admin/v1/prices")
    CreditsApi.PriceList prices() {
        return credits.prices();
    }

    /** Sets the price of one model, duration, resolution and lane; new quotes use it, held jobs keep theirs. */
    @PutMapping(PRICE)
    CreditsApi.PriceRow putPrice(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String model,
                                 @PathVariable int duration, @PathVariable String resolution, @PathVariable String lane,
                                 @RequestBody CreditsApi.PriceRequest request) {
        return catalogue.putPrice(operator, model, duration, resolution, lane, request.points());
    }

    /** Removes the row: the default rule prices the key again. */
    @DeleteMapping(PRICE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removePrice(@RequestAttribute(Operator.ATTRIBUTE) Operator operator, @PathVariable String model,
                     @PathVariable int duration, @PathVariable String resolution, @PathVariable String lane) {
        catalogue.removePrice(operator, model, duration, resolution, lane);
    }
}
