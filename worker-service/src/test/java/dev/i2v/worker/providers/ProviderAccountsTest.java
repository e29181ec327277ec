package dev.i2v.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Accounts are found by provider name under the settings operators already use. */
class ProviderAccountsTest {

    @Test
    void eachProvidersGroupIsItsAccountAndThePollSettingsAreNone() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "i2v.providers.minimax.api-key", "k",
                "i2v.providers.minimax.max-concurrent", "9",
                "i2v.providers.poll.first", "200ms")));

        ProviderAccounts accounts = binder.bind("i2v", ProviderAccounts.class).get();
        ProvidersProperties polling = binder.bind("i2v.providers", ProvidersProperties.class).get();

        assertThat(accounts.of("minimax").configured()).isTrue();
        assertThat(accounts.of("minimax").maxConcurrent()).isEqualTo(9);
        assertThat(accounts.of("poll").configured()).isFalse();
        assertThat(accounts.of("runway").configured()).as("not set at all").isFalse();
        assertThat(polling.poll().first()).isEqualTo(Duration.ofMillis(200));
    }
}
