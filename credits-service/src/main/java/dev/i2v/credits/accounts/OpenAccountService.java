package dev.i2v.credits.accounts;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.credits.grants.GrantKind;
import dev.i2v.credits.grants.Grants;
import dev.i2v.credits.problems.CreditsException;
import dev.i2v.credits.registry.Account;
import dev.i2v.credits.registry.AccountRepository;
import dev.i2v.credits.registry.Plan;

/** Opens accounts: one signup grant per account, however often the call is repeated. */
@Service
public class OpenAccountService {

    private final AccountRepository accounts;
    private final Grants grants;
    private final Clock clock;

    OpenAccountService(AccountRepository accounts, Grants grants, Clock clock) {
        this.accounts = accounts;
        this.grants = grants;
        this.clock = clock;
    }

    @Transactional
    public Account open(UUID accountId, String planCode, String timeZone) {
        Plan plan = accounts.plan(planCode == null ? "free" : planCode)
                .orElseThrow(() -> new CreditsException.UnknownPlan(planCode));
        if (accounts.find(accountId).isEmpty() && accounts.retired(plan.code())) {
            throw new CreditsException.PlanRetired(plan.code());
        }
        accounts.insert(accountId, plan.code(), zone(timeZone), clock.instant());
        Account account = accounts.lock(accountId).orElseThrow();
        grants.give(account, GrantKind.SIGNUP, "signup", plan.signupGrant(), null, "signup");
        grants.settle(account, clock.instant());
        return accounts.find(accountId).orElseThrow();
    }

    private static ZoneId zone(String timeZone) {
        try {
            return timeZone == null || timeZone.isBlank() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new CreditsException.InvalidGrant("time_zone '" + timeZone + "' is not a known time zone");
        }
    }
}
