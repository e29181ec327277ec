package dev.i2v.worker.providers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.storage.SignedLinks;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.worker.engine.EngineSource;
import dev.i2v.worker.engine.VideoEngine;

/** Turns each configured provider's catalogue models into video engines, through the adapter factory of its name. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalApiProperties.class)
class ProvidersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProvidersConfiguration.class);

    @Bean
    EngineSource providerEngines(ProvidersProperties properties, ProviderAccounts accounts,
                                 List<ProviderAdapterFactory> factories, JsonMapper json,
                                 ObjectProvider<SignedLinks> links, MeterRegistry meters,
                                 ProviderTasks tasks) {
        SignedLinks signer = links.getIfAvailable();
        Function<String, String> publicLink = signer == null ? key -> null : signer::link;
        ProviderVideoEngine.Timings timings = new ProviderVideoEngine.Timings(properties.poll().first(),
                properties.poll().max(), properties.poll().maxErrors(), properties.poll().deadline());
        List<VideoEngine> engines = new ArrayList<>();
        for (ProviderAdapterFactory factory : factories) {
            String provider = factory.provider();
            ProviderAccount account = accounts.of(provider);
            if (!account.configured()) {
                continue;
            }
            ProviderAdapter adapter = factory.create(account, json);
            Semaphore open = new Semaphore(account.maxConcurrent(), true);
            List<ModelSpec> models = ModelCatalogue.ofProvider(provider);
            models.forEach(m -> engines.add(new ProviderVideoEngine(m.id(), m.providerModel(), adapter, timings, open,
                    publicLink, meters, tasks)));
            log.info("{} serves {}", provider, models.stream().map(ModelSpec::id).toList());
            factory.setupProblem(signer != null).ifPresent(problem -> log.error("OPERATOR ACTION NEEDED: {}", problem));
        }
        List<VideoEngine> all = List.copyOf(engines);
        return () -> all;
    }
}
