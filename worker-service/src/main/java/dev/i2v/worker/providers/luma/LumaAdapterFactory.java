package dev.i2v.worker.providers.luma;

import java.util.Optional;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAccount;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderAdapterFactory;

/** Contributes {@link LumaAdapter} for {@code i2v.providers.luma}. */
@Component
class LumaAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String provider() {
        return "luma";
    }

    @Override
    public ProviderAdapter create(ProviderAccount account, JsonMapper json) {
        return new LumaAdapter(account.baseUrlOr(LumaAdapter.DEFAULT_BASE_URL),
                account.http("luma", "Bearer ", 60, json));
    }

    @Override
    public Optional<String> setupProblem(boolean publicInputLinks) {
        return publicInputLinks ? Optional.empty() : Optional.of("Luma takes images by URL only; set "
                + "i2v.storage.links.base-url and i2v.storage.links.secret (also on the gateway) or Luma jobs will fail");
    }
}
