package dev.i2v.worker.providers.runway;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAccount;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderAdapterFactory;

/** Contributes {@link RunwayAdapter} for {@code i2v.providers.runway}. */
@Component
class RunwayAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String provider() {
        return "runway";
    }

    @Override
    public ProviderAdapter create(ProviderAccount account, JsonMapper json) {
        return new RunwayAdapter(account.baseUrlOr(RunwayAdapter.DEFAULT_BASE_URL),
                account.http("runway", "Bearer ", 60, json));
    }
}
