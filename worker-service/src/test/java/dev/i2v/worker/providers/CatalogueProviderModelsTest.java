package dev.i2v.worker.providers;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Semaphore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import com.github.tomakehurst.wiremock.WireMockServer;

/** The provider model id a new task is created with follows the catalogue (data) for routes that take its id. */
class CatalogueProviderModelsTest {

    private final WireMockServer jobService = new WireMockServer(options().dynamicPort());
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private CatalogueProviderModels models;

    @BeforeEach
    void start() {
        jobService.start();
        Clock clock = new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        JsonMapper json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
        models = new CatalogueProviderModels(RestClient.create(jobService.baseUrl()), json, clock);
    }

    @AfterEach
    void stop() {
        jobService.stop();
    }

    @Test
    void aRouteTakingTheCataloguesIdFollowsAnEditWithinItsFreshness() {
        serve("MiniMax-Hailuo-02-new");
        ProviderRoute own = route("minimax", "MiniMax-Hailuo-02");

        assertThat(models.providerModel("hailuo-02", own)).isEqualTo("MiniMax-Hailuo-02-new");
        serve("MiniMax-Hailuo-02-newer");
        assertThat(models.providerModel("hailuo-02", own)).as("read again only after the freshness")
                .isEqualTo("MiniMax-Hailuo-02-new");
        now = now.plus(CatalogueProviderModels.FRESHNESS).plusMillis(1);
        assertThat(models.providerModel("hailuo-02", own)).isEqualTo("MiniMax-Hailuo-02-newer");
        jobService.verify(2, getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo("/internal/models")));
    }

    @Test
    void aRouteWithItsOwnIdOrOfAnotherProviderKeepsItAndAnOutageKeepsTheLastRead() {
        serve("MiniMax-Hailuo-02-new");
        ProviderRoute configured = route("minimax", "my-fine-tune");
        ProviderRoute viaFal = route("fal", "MiniMax-Hailuo-02");

        assertThat(models.providerModel("hailuo-02", configured)).isEqualTo("my-fine-tune");
        assertThat(models.providerModel("hailuo-02", viaFal)).isEqualTo("MiniMax-Hailuo-02");

        ProviderRoute own = route("minimax", "MiniMax-Hailuo-02");
        assertThat(models.providerModel("hailuo-02", own)).isEqualTo("MiniMax-Hailuo-02-new");
        jobService.stubFor(get("/internal/models").willReturn(serverError()));
        now = now.plus(CatalogueProviderModels.FRESHNESS).plusMillis(1);
        assertThat(models.providerModel("hailuo-02", own)).as("job-service down: the last read stays")
                .isEqualTo("MiniMax-Hailuo-02-new");
    }

    private void serve(String providerModel) {
        jobService.stubFor(get("/internal/models").willReturn(okJson("""
                {"data":[{"id":"hailuo-02","provider":"minimax","provider_model":"%s","durations":[6,10],
                  "resolutions":["768P"],"prompt_optimizer":true,"enabled":true,
                  "updated_at":"2026-12-07T09:00:00Z","updated_by":"ops"}]}""".formatted(providerModel))));
    }

    private static ProviderRoute route(String provider, String providerModel) {
        ProviderAdapter adapter = mock(ProviderAdapter.class);
        when(adapter.provider()).thenReturn(provider);
        return ProviderRoute.single(adapter, providerModel, new Semaphore(1));
    }
}
