package dev.i2v.worker.providers;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.worker.engine.EngineSource;
import dev.i2v.worker.engine.VideoEngine;
import dev.i2v.worker.providers.minimax.MiniMaxAdapter;

/** Turns each configured provider's models into video engines. */
@Configuration(proxyBeanMethods = false)
class ProvidersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProvidersConfiguration.class);

    @Bean
    EngineSource providerEngines(ProvidersProperties properties, JsonMapper json) {
        if (!properties.minimax().configured()) {
            return List::of;
        }
        ProvidersProperties.MiniMax minimax = properties.minimax();
        MiniMaxAdapter adapter = new MiniMaxAdapter(minimax.baseUrl(), minimax.apiKey(), minimax.createsPerMinute(),
                minimax.timeout(), json);
        ProviderVideoEngine.Timings timings = new ProviderVideoEngine.Timings(properties.poll().first(),
                properties.poll().max(), properties.poll().maxErrors(), properties.poll().deadline());
        List<VideoEngine> engines = minimax.models().entrySet().stream()
                .map(m -> (VideoEngine) new ProviderVideoEngine(m.getKey(), m.getValue(), adapter, timings)).toList();
        log.info("MiniMax at {} serves {}", minimax.baseUrl(), minimax.models().keySet());
        return () -> engines;
    }
}
