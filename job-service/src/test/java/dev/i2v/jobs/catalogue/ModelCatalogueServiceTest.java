package dev.i2v.jobs.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.jobs.problems.JobsException;

/** An operator's model is checked before it is stored: a provider with an adapter, real durations and resolutions. */
class ModelCatalogueServiceTest {

    private final CatalogueRepository repository = mock(CatalogueRepository.class);
    private final ModelCatalogueService catalogue = new ModelCatalogueService(repository,
            Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void aValidModelIsStoredNormalised() {
        when(repository.find("sora-2-pro")).thenReturn(Optional.of(new JobsApi.CatalogueModel("sora-2-pro", "fal",
                "fal-ai/sora-2/pro", List.of(4, 8, 20), List.of("720P"), false, true, Instant.now(), "ops")));

        catalogue.put("sora-2-pro", new JobsApi.CatalogueModelRequest("fal", "fal-ai/sora-2/pro", List.of(20, 4, 8, 8),
                List.of("720p", "720P"), null, null, "ops"));

        ArgumentCaptor<ModelSpec> stored = ArgumentCaptor.forClass(ModelSpec.class);
        verify(repository).put(stored.capture(), eq(true), eq("ops"), any());
        assertThat(stored.getValue().durations()).containsExactly(4, 8, 20);
        assertThat(stored.getValue().resolutions()).containsExactly("720P");
        assertThat(stored.getValue().promptOptimizer()).isFalse();
    }

    @Test
    void whatCannotBeServedIsRefusedAndNothingStored() {
        List<JobsApi.CatalogueModelRequest> bad = List.of(
                new JobsApi.CatalogueModelRequest("openai", "sora-2", List.of(4), List.of("720P"), null, null, "ops"),
                new JobsApi.CatalogueModelRequest("fal", " ", List.of(4), List.of("720P"), null, null, "ops"),
                new JobsApi.CatalogueModelRequest("fal", "x", List.of(), List.of("720P"), null, null, "ops"),
                new JobsApi.CatalogueModelRequest("fal", "x", List.of(0), List.of("720P"), null, null, "ops"),
                new JobsApi.CatalogueModelRequest("fal", "x", List.of(4), List.of("big"), null, null, "ops"),
                new JobsApi.CatalogueModelRequest("fal", "x", List.of(4), List.of("720P"), null, null, null));
        for (JobsApi.CatalogueModelRequest request : bad) {
            assertThatThrownBy(() -> catalogue.put("m", request)).as(request.toString())
                    .isInstanceOf(JobsException.InvalidJobRequest.class);
        }
        assertThatThrownBy(() -> catalogue.put("Bad Id", new JobsApi.CatalogueModelRequest("fal", "x", List.of(4),
                List.of("720P"), null, null, "ops"))).isInstanceOf(JobsException.InvalidJobRequest.class);
        verify(repository, never()).put(any(), any(Boolean.class), any(), any());
    }

    @Test
    void startSeedsEveryCompiledModel() {
        catalogue.seed();

        verify(repository, org.mockito.Mockito.times(ModelCatalogue.all().size())).seed(any(), any());
    }
}
