package dev.i2v.worker.providers;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

/**
 * How a provider's package contributes its adapter: a Spring component named by the provider, so adding a
 * provider touches only its own package, its catalogue rows and its contract test. The account is read from
 * {@code i2v.providers.<provider>}.
 */
public interface ProviderAdapterFactory {

    /** The provider's name in the catalogue and the settings, e.g. {@code minimax}. */
    String provider();

    /** @throws IllegalStateException when the account lacks a setting this provider needs */
    ProviderAdapter create(ProviderAccount account, JsonMapper json);

    /** What an operator must still set for this provider to work, given whether signed input links are on. */
    default Optional<String> setupProblem(boolean publicInputLinks) {
        return Optional.empty();
    }
}
