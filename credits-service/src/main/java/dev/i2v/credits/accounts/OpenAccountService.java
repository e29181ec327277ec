package dev.i2v.credits.accounts;

import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.credits.ledger.EntryKind;
import dev.i2v.credits.ledger.Ledger;
import dev.i2v.credits.problems.CreditsException;

/** Opens accounts: one signup grant per account, however often the call is repeated. */
@Service
public class OpenAccountService {

    private final AccountRepository accounts;
    private final Ledger ledger;

    OpenAccountService(AccountRepository accounts, Ledger ledger) {
        this.accounts = accounts;
        this.ledger = ledger;
    }

    @Transactional
    public Account open(UUID accountId, String planCode) {
        Plan plan = accounts.plan(planCode).orElseThrow(() -> new CreditsException.UnknownPlan(planCode));
        if (accounts.insert(accountId, plan.code()) && plan.signupGrant() > 0) {
            ledger.post(accountId, EntryKind.GRANT, plan.signupGrant(), null, "signup");
        }
        return accounts.find(accountId).orElseThrow();
    }
}
