package dev.i2v.worker.providers.kling;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.providers.ProviderAccount;
import dev.i2v.worker.providers.ProviderAdapter;
import dev.i2v.worker.providers.ProviderAdapterFactory;

/** Contributes {@link KlingAdapter} for {@code i2v.providers.kling}: the access key signs tokens with the secret key. */
@Component
class KlingAdapterFactory implements ProviderAdapterFactory {

    @Override
    public String provider() {
        return "kling";
    }

    @Override
    public ProviderAdapter create(ProviderAccount account, JsonMapper json) {
        if (account.secretKey() == null || account.secretKey().isBlank()) {
            throw new IllegalStateException("i2v.providers.kling.secret-key is required with the Kling access key");
        }
        return new KlingAdapter(account.baseUrlOr(KlingAdapter.DEFAULT_BASE_URL), KlingAdapter.http(account.apiKey(),
                account.secretKey(), account.createsPerMinuteOr(60), account.timeout(), json));
    }
}
