package dev.i2v.gateway.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.GatewayProperties;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.problems.GatewayException;

/** The offered models follow the catalogue as data, re-read after its freshness, and survive a job-service outage. */
class ModelCatalogTest {

    private Instant now = Instant.parse("2026-12-07T10:00:00Z");
    private final JobsClient jobs = mock(JobsClient.class);
    private final ModelCatalog catalog = new ModelCatalog(new GatewayProperties("admin-token-0123456789abcdef",
            URI.create("http://credits"), URI.create("http://jobs"), Duration.ofSeconds(5),
            new GatewayProperties.Images(1, 1, 1, 2.5), new GatewayProperties.Prompt(2000), false, Set.of("kling"),
            false), jobs, new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }
            });

    @Test
    void anEditIsOfferedAfterTheFreshnessAndADisabledModelIsUnavailable() {
        when(jobs.catalogue()).thenReturn(list(model("local", List.of(6, 10), true), model("kling-v2-1", List.of(5, 10), true)));
        assertThat(catalog.find("local").orElseThrow().durations()).containsExactly(6, 10);

        when(jobs.catalogue()).thenReturn(list(model("local", List.of(6, 10, 20), true), model("kling-v2-1", List.of(5, 10), false)));
        assertThat(catalog.find("local").orElseThrow().durations()).as("within the freshness").containsExactly(6, 10);
        now = now.plus(ModelCatalog.FRESHNESS).plusMillis(1);
        assertThat(catalog.find("local").orElseThrow().durations()).containsExactly(6, 10, 20);
        assertThat(catalog.find("kling-v2-1").orElseThrow().available()).as("disabled").isFalse();
    }

    @Test
    void anEmptyOrFailedReadKeepsWhatWasOfferedAndNothingReadYetIsTheCompiledCatalogue() {
        when(jobs.catalogue()).thenThrow(GatewayException.unavailable("the job service"));
        assertThat(catalog.find("hailuo-02")).as("the compiled catalogue stands in").isPresent();

        now = now.plus(ModelCatalog.FRESHNESS).plusMillis(1);
        org.mockito.Mockito.reset(jobs);
        when(jobs.catalogue()).thenReturn(list());
        assertThat(catalog.find("local")).as("a job-service that has not seeded yet").isPresent();
    }

    private static JobsApi.CatalogueList list(JobsApi.CatalogueModel... models) {
        return new JobsApi.CatalogueList(List.of(models));
    }

    private static JobsApi.CatalogueModel model(String id, List<Integer> durations, boolean enabled) {
        String provider = id.equals("local") ? "local" : "kling";
        return new JobsApi.CatalogueModel(id, provider, id, durations, List.of("720P", "768P"), false, enabled,
                Instant.EPOCH, "ops");
    }
}
