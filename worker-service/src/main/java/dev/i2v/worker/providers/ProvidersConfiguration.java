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
    EngineSource providerEngines(ProvidersProperties properties, JsonMapper json, ObjectProvider<SignedLinks> links) {
        Map<String, ProviderAdapter> adapters = adapters(properties, json);
        Map<String, ProvidersProperties.Provider> accounts = accounts(properties);
        Function<String, String> publicLink = links.getIfAvailable() == null ? key -> null : links.getObject()::link;
        ProviderVideoEngine.Timings timings = new ProviderVideoEngine.Timings(properties.poll().first(),
                properties.poll().max(), properties.poll().maxErrors(), properties.poll().deadline());
        List<VideoEngine> engines = new ArrayList<>();
        adapters.forEach((provider, adapter) -> {
            Semaphore open = new Semaphore(accounts.get(provider).maxConcurrent(), true);
            List<ModelSpec> models = ModelCatalogue.ofProvider(provider);
            models.forEach(m -> engines.add(new ProviderVideoEngine(m.id(), m.providerModel(), adapter, timings, open,
                    publicLink)));
            log.info("{} serves {}", provider, models.stream().map(ModelSpec::id).toList());
        });
        if (adapters.containsKey("luma") && links.getIfAvailable() == null) {
            log.error("OPERATOR ACTION NEEDED: Luma takes images by URL only; set i2v.storage.links.base-url and "
                    + "i2v.storage.links.secret (also on the gateway) or Luma jobs will fail");
        }
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

    /** An adapter for each provider that has a key. */
    private static Map<String, ProviderAdapter> adapters(ProvidersProperties p, JsonMapper json) {
        Map<String, ProviderAdapter> adapters = new LinkedHashMap<>();
        ProvidersProperties.Provider minimax = p.minimax();
        if (minimax.configured()) {
            adapters.put("minimax", new MiniMaxAdapter(minimax.baseUrlOr(MiniMaxAdapter.DEFAULT_BASE_URL),
                    bearer("minimax", minimax, 5, json)));
        }
        ProvidersProperties.Provider runway = p.runway();
        if (runway.configured()) {
            adapters.put("runway", new RunwayAdapter(runway.baseUrlOr(RunwayAdapter.DEFAULT_BASE_URL),
                    bearer("runway", runway, 60, json)));
        }
        ProvidersProperties.Provider kling = p.kling();
        if (kling.configured()) {
            if (kling.secretKey() == null || kling.secretKey().isBlank()) {
                throw new IllegalStateException("i2v.providers.kling.secret-key is required with the Kling access key");
            }
            adapters.put("kling", new KlingAdapter(kling.baseUrlOr(KlingAdapter.DEFAULT_BASE_URL),
                    KlingAdapter.http(kling.apiKey(), kling.secretKey(), kling.createsPerMinuteOr(60), kling.timeout(), json)));
        }
        ProvidersProperties.Provider luma = p.luma();
        if (luma.configured()) {
            adapters.put("luma", new LumaAdapter(luma.baseUrlOr(LumaAdapter.DEFAULT_BASE_URL),
                    bearer("luma", luma, 60, json)));
        }
        ProvidersProperties.Provider fal = p.fal();
        if (fal.configured()) {
            adapters.put("fal", new FalAdapter(fal.baseUrlOr(FalAdapter.DEFAULT_BASE_URL),
                    new ProviderHttp("fal", () -> "Key " + fal.apiKey(), fal.createsPerMinuteOr(60), fal.timeout(), json)));
        }
        return adapters;
    }

    private static ProviderHttp bearer(String name, ProvidersProperties.Provider account, int defaultRate, JsonMapper json) {
        return new ProviderHttp(name, () -> "Bearer " + account.apiKey(), account.createsPerMinuteOr(defaultRate),
                account.timeout(), json);
    }
}
