package dev.i2v.credits.accounts;

import java.time.Clock;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.credits.grants.Grants;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;

/**
 * Moves an account to another plan. A plan with a monthly grant gives it at once for the current
 * month (once per plan and month); jobs already running keep their slots even above the new limit.
 */
@Service
public class PlanService {

    private final AccountRepository accounts;
    private final Grants grants;
    private final Clock clock;

    PlanService(AccountRepository accounts, Grants grants, Clock clock) {
        this.accounts = accounts;
        this.grants = grants;
        this.clock = clock;
    }

    @Transactional
    public Account change(UUID accountId, String planCode) {
        Account account = accounts.lock(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        accounts.plan(planCode).orElseThrow(() -> new CreditsException.UnknownPlan(planCode));
        if (!account.plan().code().equals(planCode) && accounts.retired(planCode)) {
            throw new CreditsException.PlanRetired(planCode);
        }
        accounts.changePlan(accountId, planCode);
        grants.settle(accounts.find(accountId).orElseThrow(), clock.instant());
        return accounts.find(accountId).orElseThrow();
    }
}
