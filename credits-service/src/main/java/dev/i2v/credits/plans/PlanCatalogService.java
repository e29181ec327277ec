package dev.i2v.credits.plans;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Plan;

/**
 * Creates, edits and retires plans. An edit applies to the accounts on the plan from their next request (limits,
 * lanes, watermark, daily grant); jobs already running keep their slots even above a lowered limit, and points
 * already granted stay granted.
 */
@Service
public class PlanCatalogService {

    private final PlanRepository plans;
    private final Clock clock;

    PlanCatalogService(PlanRepository plans, Clock clock) {
        this.plans = plans;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<CreditsApi.PlanView> all() {
        return plans.all();
    }

    @Transactional(readOnly = true)
    public CreditsApi.PlanView find(String code) {
        return plans.find(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
    }

    @Transactional
    public CreditsApi.PlanView create(CreditsApi.PlanTerms terms) {
        Plan plan = PlanRules.toPlan(terms.code(), terms);
        if (!plans.insert(plan, clock.instant())) {
            throw new CreditsException.PlanExists(plan.code());
        }
        return find(plan.code());
    }

    @Transactional
    public CreditsApi.PlanView edit(String code, CreditsApi.PlanTerms terms) {
        plans.lock(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
        plans.update(PlanRules.toPlan(code, terms), clock.instant());
        return find(code);
    }

    /** Idempotent: retiring a retired plan keeps its first retirement time. */
    @Transactional
    public CreditsApi.PlanView retire(String code) {
        CreditsApi.PlanView plan = plans.lock(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
        if (plan.retiredAt() == null) {
            plans.retire(code, clock.instant(), clock.instant());
        }
        return find(code);
    }

    /** Takes a retired plan back into use. */
    @Transactional
    public CreditsApi.PlanView restore(String code) {
        plans.lock(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
        plans.retire(code, null, clock.instant());
        return find(code);
    }
}
