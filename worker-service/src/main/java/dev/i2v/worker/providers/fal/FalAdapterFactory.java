package dev.i2v.worker.providers.fal;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAccount;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderAdapterFactory;

/** Contributes {@link FalAdapter} for {@code i2v.providers.fal}. */
@Component
class FalAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String provider() {
        return "fal";
    }

    @Override
    public ProviderAdapter create(ProviderAccount account, JsonMapper json) {
        return new FalAdapter(account.baseUrlOr(FalAdapter.DEFAULT_BASE_URL), account.http("fal", "Key ", 60, json));
    }
}
