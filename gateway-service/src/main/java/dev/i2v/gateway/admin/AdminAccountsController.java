package dev.i2v.gateway.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AdminAccountsController {

    private final CreateAccountService accounts;

    AdminAccountsController(CreateAccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/admin/v1/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    CreateAccountService.NewAccount create(@RequestBody(required = false) NewAccountRequest request) {
        return accounts.create(request == null ? null : request.plan());
    }

    record NewAccountRequest(String plan) {
    }
}
