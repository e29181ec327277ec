package dev.i2v.credits.plans;

import java.time.Clock;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
    public List<PlanView> all() {
        return plans.all();
    }

    @Transactional(readOnly = true)
    public PlanView find(String code) {
        return plans.find(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
    }

    @Transactional
    public PlanView create(PlanTerms terms) {
        Plan plan = terms.toPlan(terms.code());
        if (!plans.insert(plan, clock.instant())) {
            throw new CreditsException.PlanExists(plan.code());
        }
        return find(plan.code());
    }

    @Transactional
    public PlanView edit(String code, PlanTerms terms) {
        plans.lock(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
        plans.update(terms.toPlan(code), clock.instant());
        return find(code);
    }

    /** Idempotent: retiring a retired plan keeps its first retirement time. */
    @Transactional
    public PlanView retire(String code) {
        PlanView plan = plans.lock(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
        if (plan.retiredAt() == null) {
            plans.retire(code, clock.instant(), clock.instant());
        }
        return find(code);
    }

    /** Takes a retired plan back into use. */
    @Transactional
    public PlanView restore(String code) {
        plans.lock(code).orElseThrow(() -> new CreditsException.PlanNotFound(code));
        plans.retire(code, null, clock.instant());
        return find(code);
    }
}
