package dev.i2v.gateway.admin;

import java.util.Collections;

import org.springframework.stereotype.Service;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.models.ModelCatalog;
import dev.i2v.gateway.operators.AuditLog;
import dev.i2v.gateway.operators.Operator;

/**
 * Operators' changes to plans and prices (owned by credits-service), each recorded in the audit log with the values
 * before and after.
 */
@Service
public class CatalogueAdministration {

    private final CreditsClient credits;
    private final JobsClient jobs;
    private final ModelCatalog models;
    private final AuditLog audit;

    CatalogueAdministration(CreditsClient credits, JobsClient jobs, ModelCatalog models, AuditLog audit) {
        this.credits = credits;
        this.jobs = jobs;
        this.models = models;
        this.audit = audit;
    }

    /** Adds or replaces a model of the catalogue; this replica offers it at once, the others within seconds. */
    public JobsApi.CatalogueModel putModel(Operator operator, String id, JobsApi.CatalogueModelRequest request) {
        JobsApi.CatalogueModel before = jobs.catalogue().data().stream().filter(m -> m.id().equals(id)).findFirst()
                .orElse(null);
        JobsApi.CatalogueModel after = jobs.putModel(id, new JobsApi.CatalogueModelRequest(request.provider(),
                request.providerModel(), request.durations(), request.resolutions(), request.promptOptimizer(),
                request.enabled(), operator.name()));
        models.invalidate();
        audit.record(operator, before == null ? "model.create" : "model.edit", "model:" + id, null, before, after);
        return after;
    }

    public CreditsApi.PlanView createPlan(Operator operator, CreditsApi.PlanTerms terms) {
        CreditsApi.PlanView created = credits.createPlan(terms);
        audit.record(operator, "plan.create", "plan:" + created.code(), null, null, created);
        return created;
    }

    public CreditsApi.PlanView editPlan(Operator operator, String code, CreditsApi.PlanTerms terms) {
        CreditsApi.PlanView before = credits.plan(code);
        CreditsApi.PlanView after = credits.editPlan(code, terms);
        audit.record(operator, "plan.edit", "plan:" + code, null, before, after);
        return after;
    }

    /** @param retire false restores a retired plan */
    public CreditsApi.PlanView retirePlan(Operator operator, String code, boolean retire) {
        CreditsApi.PlanView before = credits.plan(code);
        CreditsApi.PlanView after = credits.retirePlan(code, retire);
        audit.record(operator, retire ? "plan.retire" : "plan.restore", "plan:" + code, null,
                Collections.singletonMap("retired_at", before.retiredAt()),
                Collections.singletonMap("retired_at", after.retiredAt()));
        return after;
    }

    public CreditsApi.PriceRow putPrice(Operator operator, String model, int duration, String resolution, String lane,
                                        Long points) {
        CreditsApi.PriceRow before = credits.price(model, duration, resolution, lane).orElse(null);
        CreditsApi.PriceRow after = credits.putPrice(model, duration, resolution, lane, points);
        audit.record(operator, "price.set", priceTarget(after.model(), after.durationSeconds(), after.resolution(),
                after.lane()), null, before, after);
        return after;
    }

    public void removePrice(Operator operator, String model, int duration, String resolution, String lane) {
        CreditsApi.PriceRow before = credits.price(model, duration, resolution, lane).orElse(null);
        credits.removePrice(model, duration, resolution, lane);
        audit.record(operator, "price.remove", priceTarget(model, duration, resolution, lane), null, before, null);
    }

    private static String priceTarget(String model, int duration, String resolution, String lane) {
        return "price:" + model + "/" + duration + "/" + resolution + "/" + lane;
    }
}
