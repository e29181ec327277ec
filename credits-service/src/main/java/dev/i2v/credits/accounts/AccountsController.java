package dev.i2v.credits.accounts;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.credits.ledger.LedgerQueries;

@RestController
@RequestMapping("/internal/accounts")
class AccountsController {

    private final OpenAccountService openAccount;
    private final CreditsQueryService credits;
    private final LedgerQueries ledger;

    AccountsController(OpenAccountService openAccount, CreditsQueryService credits, LedgerQueries ledger) {
        this.openAccount = openAccount;
        this.credits = credits;
        this.ledger = ledger;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreditsApi.CreditsView open(@RequestBody CreditsApi.OpenAccount request) {
        openAccount.open(request.accountId(), request.plan());
        return credits.credits(request.accountId());
    }

    @GetMapping("/{accountId}/credits")
    CreditsApi.CreditsView credits(@PathVariable UUID accountId) {
        return credits.credits(accountId);
    }

    @GetMapping("/{accountId}/history")
    CreditsApi.HistoryPage history(@PathVariable UUID accountId,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(defaultValue = "50") int limit) {
        return ledger.history(accountId, cursor, limit);
    }
}
