package dev.i2v.bench;

import java.util.ArrayList;
import java.util.List;

import dev.i2v.localstack.LocalStack;
import dev.i2v.localstack.StackClient;
import dev.i2v.localstack.StackDatabase;

/** Accounts for load: an unlimited plan (no parallel limit) and plenty of points, so only load is measured. */
final class BenchAccounts {

    /** An account's key and id. */
    record Account(String key, String id) {
    }

    private BenchAccounts() {
    }

    static List<Account> create(LocalStack stack, int count) {
        StackClient api = new StackClient(stack);
        new StackDatabase(stack).execute("insert into credits.plans values ('bench', 1000000, false, 1080, 10, "
                + "'standard,priority,relaxed', 0, 0, 0) on conflict (code) do nothing");
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String[] account = api.newAccount("free");
            api.admin("PUT", "/admin/v1/accounts/" + account[1] + "/plan", "{\"plan\":\"bench\"}");
            api.admin("POST", "/admin/v1/accounts/" + account[1] + "/grants",
                    "{\"points\":1000000000,\"reason\":\"bench\",\"idempotency_key\":\"bench-" + account[1] + "\"}");
            accounts.add(new Account(account[0], account[1]));
        }
        return accounts;
    }
}
