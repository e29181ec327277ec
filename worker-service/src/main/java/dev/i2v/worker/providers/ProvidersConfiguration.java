package dev.i2v.worker.providers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.storage.SignedLinks;
import dev.i2v.worker.engine.EngineSource;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.providers.fal.FalAdapter;
import dev.i2v.worker.providers.kling.KlingAdapter;
import dev.i2v.worker.providers.luma.LumaAdapter;
import dev.i2v.worker.providers.minimax.MiniMaxAdapter;
import dev.i2v.worker.providers.runway.RunwayAdapter;

/** Turns each configured provider's catalogue models into video engines. */
@Configuration(proxyBeanMethods = false)
class ProvidersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProvidersConfiguration.class);

    @Bean
    EngineSource providerEngines(ProvidersProperties properties, JsonMapper json, ObjectProvider<SignedLinks> links,
                                 MeterRegistry meters) {
        SignedLinks signer = links.getIfAvailable();
        Function<String, String> publicLink = signer == null ? key -> null : signer::link;
        ProviderVideoEngine.Timings timings = new ProviderVideoEngine.Timings(properties.poll().first(),
                properties.poll().max(), properties.poll().maxErrors(), properties.poll().deadline());
        List<VideoEngine> engines = new ArrayList<>();
        accounts(properties).forEach((provider, account) -> {
            if (!account.configured()) {
                return;
            }
            ProviderAdapter adapter = adapter(provider, account, json);
            Semaphore open = new Semaphore(account.maxConcurrent(), true);
            List<ModelSpec> models = ModelCatalogue.ofProvider(provider);
            models.forEach(m -> engines.add(new ProviderVideoEngine(m.id(), m.providerModel(), adapter, timings, open,
                    publicLink, meters)));
            log.info("{} serves {}", provider, models.stream().map(ModelSpec::id).toList());
            if (provider.equals("luma") && signer == null) {
                log.error("OPERATOR ACTION NEEDED: Luma takes images by URL only; set i2v.storage.links.base-url and "
                        + "i2v.storage.links.secret (also on the gateway) or Luma jobs will fail");
            }
        });
        List<VideoEngine> all = List.copyOf(engines);
        return () -> all;
    }

    private static Map<String, ProvidersProperties.Provider> accounts(ProvidersProperties p) {
        Map<String, ProvidersProperties.Provider> accounts = new LinkedHashMap<>();
        accounts.put("minimax", p.minimax());
        accounts.put("runway", p.runway());
        accounts.put("kling", p.kling());
        accounts.put("luma", p.luma());
        accounts.put("fal", p.fal());
        return accounts;
    }

    /** The adapter of a configured provider, with its defaults (MiniMax allows 5 creations a minute, the others 60). */
    private static ProviderAdapter adapter(String provider, ProvidersProperties.Provider account, JsonMapper json) {
        return switch (provider) {
            case "minimax" -> new MiniMaxAdapter(account.baseUrlOr(MiniMaxAdapter.DEFAULT_BASE_URL),
                    http(provider, "Bearer ", account, 5, json));
            case "runway" -> new RunwayAdapter(account.baseUrlOr(RunwayAdapter.DEFAULT_BASE_URL),
                    http(provider, "Bearer ", account, 60, json));
            case "kling" -> {
                if (account.secretKey() == null || account.secretKey().isBlank()) {
                    throw new IllegalStateException("i2v.providers.kling.secret-key is required with the Kling access key");
                }
                yield new KlingAdapter(account.baseUrlOr(KlingAdapter.DEFAULT_BASE_URL), KlingAdapter.http(
                        account.apiKey(), account.secretKey(), account.createsPerMinuteOr(60), account.timeout(), json));
            }
            case "luma" -> new LumaAdapter(account.baseUrlOr(LumaAdapter.DEFAULT_BASE_URL),
                    http(provider, "Bearer ", account, 60, json));
            case "fal" -> new FalAdapter(account.baseUrlOr(FalAdapter.DEFAULT_BASE_URL),
                    http(provider, "Key ", account, 60, json));
            default -> throw new IllegalArgumentException("no adapter for provider " + provider);
        };
    }

    private static ProviderHttp http(String name, String scheme, ProvidersProperties.Provider account, int defaultRate,
                                     JsonMapper json) {
        return new ProviderHttp(name, () -> scheme + account.apiKey(), account.createsPerMinuteOr(defaultRate),
                account.timeout(), json);
    }
}
