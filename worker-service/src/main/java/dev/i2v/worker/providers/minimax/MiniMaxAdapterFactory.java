package dev.i2v.worker.providers.minimax;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAccount;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderAdapterFactory;

/** Contributes {@link MiniMaxAdapter} for {@code i2v.providers.minimax}. */
@Component
class MiniMaxAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String provider() {
        return "minimax";
    }

    @Override
    public ProviderAdapter create(ProviderAccount account, JsonMapper json) {
        // MiniMax lets an account create 5 tasks a minute unless the operator says otherwise
        return new MiniMaxAdapter(account.baseUrlOr(MiniMaxAdapter.DEFAULT_BASE_URL),
                account.http("minimax", "Bearer ", 5, json));
    }
}
