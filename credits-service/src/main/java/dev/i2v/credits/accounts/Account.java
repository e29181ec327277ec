package dev.i2v.credits.accounts;

import java.util.UUID;

/** An account's spendable balance and the jobs it has running. */
public record Account(UUID id, Plan plan, long balance, int activeJobs) {

    public boolean hasFreeSlot() {
        return activeJobs < plan.parallelJobs();
    }
}
