package dev.i2v.credits.accounts;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.problems.CreditsException;

/** What an account has: balance, plan, slots in use. */
@Service
public class CreditsQueryService {

    private final AccountRepository accounts;

    CreditsQueryService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional(readOnly = true)
    public CreditsApi.CreditsView credits(UUID accountId) {
        Account account = accounts.find(accountId).orElseThrow(() -> new CreditsException.AccountNotFound(accountId));
        // grants per kind and the daily grant come with the ledger of grants (issue 3); not invented here
        return new CreditsApi.CreditsView(account.id(), account.balance(), account.plan().code(),
                new CreditsApi.Concurrency(account.activeJobs(), account.plan().parallelJobs()), null, List.of());
    }
}
