package dev.i2v.worker.providers;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.kit.callbacks.CallbackLinks;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.storage.SignedLinks;
import dev.i2v.worker.engine.EngineSource;
import dev.i2v.worker.engine.VideoEngine;

/**
 * Turns the hosted models into video engines: each model's routes (configured, or its catalogue provider's account),
 * each route an account with its adapter, its open-task limit and its circuit breaker.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalApiProperties.class)
class ProvidersConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProvidersConfiguration.class);

    /** One breaker per account, shared by all its models: its health is the account's. */
    @Bean
    CircuitBreakerRegistry providerRouteBreakers(ProvidersProperties properties, MeterRegistry meters) {
        ProvidersProperties.Breaker breaker = properties.breaker();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                // every one of the last n calls failed = n failures in a row
                .slidingWindowSize(breaker.failures()).minimumNumberOfCalls(breaker.failures())
                .failureRateThreshold(100)
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(breaker.trialCalls())
                .build());
        registry.getEventPublisher().onEntryAdded(added -> logTransitions(added.getAddedEntry()));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    TaskWakeups taskWakeups() {
        return new TaskWakeups();
    }

    @Bean
    TaskCallbacks taskCallbacks(ProvidersProperties properties, InternalApiProperties internal, TaskWakeups wakeups) {
        if (properties.callbacks().baseUrl() == null) {
            log.info("provider callbacks are off (i2v.providers.callbacks.base-url unset): results are polled");
        }
        return new TaskCallbacks(new CallbackLinks(internal.token()), properties.callbacks().baseUrl(), wakeups);
    }

    /** The configured accounts, each opened (adapter, open-task limit, breaker) once, when first needed. */
    @Bean
    Accounts openAccounts(ProviderAccounts accounts, List<ProviderAdapterFactory> factories, JsonMapper json,
                          ObjectProvider<SignedLinks> links, CircuitBreakerRegistry breakers) {
        return new Accounts(accounts, factories, json, breakers, links.getIfAvailable() != null);
    }

    @Bean
    EngineSource providerEngines(ProvidersProperties properties, RoutesProperties routing, Accounts opened,
                                 ObjectProvider<SignedLinks> links, MeterRegistry meters, ProviderTasks tasks,
                                 TaskCallbacks callbacks, CatalogueProviderModels providerModels) {
        SignedLinks signer = links.getIfAvailable();
        Function<String, String> publicLink = signer == null ? key -> null : signer::link;
        ProviderVideoEngine.Timings timings = new ProviderVideoEngine.Timings(properties.poll().first(),
                properties.poll().max(), properties.poll().maxErrors(), properties.poll().deadline(),
                properties.poll().outageGrace());
        List<VideoEngine> engines = new ArrayList<>();
        for (ModelSpec model : providerModels.atStart()) {
            List<ProviderRoute> routes = routes(model, routing, opened);
            if (!routes.isEmpty()) {
                engines.add(new ProviderVideoEngine(model.id(), routes, timings, publicLink, meters, tasks, callbacks,
                        providerModels));
                log.info("{} is served by route(s) {}", model.id(), routes.stream()
                        .map(r -> r.name() + ":" + r.providerModel()).toList());
            }
        }
        List<VideoEngine> all = List.copyOf(engines);
        return () -> all;
    }

    /** The model's configured routes whose accounts are set, or its catalogue provider's account alone. */
    private static List<ProviderRoute> routes(ModelSpec model, RoutesProperties routing, Accounts accounts) {
        RoutesProperties.ModelRoutes configured = routing.models().get(model.id());
        if (configured == null || configured.routes().isEmpty()) {
            return accounts.open(model.provider())
                    .map(a -> List.of(a.route(model.provider().equals(a.adapter().provider())
                            ? model.providerModel() : null, 0, 1)))
                    .orElse(List.of());
        }
        List<ProviderRoute> routes = new ArrayList<>();
        for (int i = 0; i < configured.routes().size(); i++) {
            RoutesProperties.Route route = configured.routes().get(i);
            Optional<Account> account = accounts.open(route.account());
            if (account.isEmpty()) {
                log.warn("route {} of {} names account '{}', which has no key or no adapter: skipped", i, model.id(),
                        route.account());
                continue;
            }
            String providerModel = route.providerModel() != null ? route.providerModel()
                    : model.provider().equals(account.get().adapter().provider()) ? model.providerModel() : null;
            if (providerModel == null) {
                throw new IllegalStateException("i2v.models." + model.id() + ".routes[" + i + "].provider-model must be"
                        + " set: account '" + route.account() + "' is not of " + model.provider());
            }
            routes.add(account.get().route(providerModel, route.priority() != null ? route.priority() : i,
                    route.weight()));
        }
        return routes;
    }

    /** Each account's adapter and open-task limit, made once and shared by the models it serves. */
    static final class Accounts {
        private final ProviderAccounts accounts;
        private final Map<String, ProviderAdapterFactory> factories = new HashMap<>();
        private final JsonMapper json;
        private final CircuitBreakerRegistry breakers;
        private final boolean publicInputLinks;
        private final Map<String, Optional<Account>> opened = new ConcurrentHashMap<>();

        Accounts(ProviderAccounts accounts, List<ProviderAdapterFactory> factories, JsonMapper json,
                 CircuitBreakerRegistry breakers, boolean publicInputLinks) {
            this.accounts = accounts;
            factories.forEach(f -> this.factories.put(f.provider(), f));
            this.json = json;
            this.breakers = breakers;
            this.publicInputLinks = publicInputLinks;
        }

        Optional<Account> open(String name) {
            return opened.computeIfAbsent(name, this::make);
        }

        /** The adapter of the account named {@code name}, if it is configured here. */
        Optional<ProviderAdapter> adapter(String name) {
            return open(name).map(Account::adapter);
        }

        private Optional<Account> make(String name) {
            ProviderAccount account = accounts.of(name);
            ProviderAdapterFactory factory = factories.get(account.adapterOr(name));
            if (!account.configured() || factory == null) {
                return Optional.empty();
            }
            factory.setupProblem(publicInputLinks).ifPresent(problem -> log.error("OPERATOR ACTION NEEDED: {}", problem));
            return Optional.of(new Account(name, factory.create(account, json),
                    new Semaphore(account.maxConcurrent(), true), breakers.circuitBreaker(name)));
        }
    }

    private record Account(String name, ProviderAdapter adapter, Semaphore open, CircuitBreaker breaker) {
        ProviderRoute route(String providerModel, int priority, int weight) {
            return new ProviderRoute(name, adapter, providerModel, priority, weight, open, breaker);
        }
    }

    /** The line operators alert on: a route opening sends new tasks elsewhere; closing takes them back. */
    private static void logTransitions(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> {
            var transition = event.getStateTransition();
            if (transition.getToState() == CircuitBreaker.State.OPEN) {
                log.warn("PROVIDER ROUTE OPEN: {} failed {} calls in a row; new tasks go to the next route of each "
                        + "model ({} -> {})", breaker.getName(), breaker.getMetrics().getNumberOfFailedCalls(),
                        transition.getFromState(), transition.getToState());
            } else {
                log.info("provider route {}: {} -> {}", breaker.getName(), transition.getFromState(),
                        transition.getToState());
            }
        });
    }
}
