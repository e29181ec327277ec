package dev.i2v.worker.providers;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.models.ModelCatalogue;
import dev.i2v.contracts.models.ModelSpec;
import dev.i2v.kit.FreshSnapshot;
import dev.i2v.kit.internal.InternalApiProperties;
import dev.i2v.worker.JobServiceClient;
import dev.i2v.worker.WorkerProperties;

/**
 * The catalogue's provider model ids, read from job-service ({@code /internal/models}) at most every
 * {@link #FRESHNESS}: an operator who points a model at the provider's new model id changes the next task every worker
 * creates, without a restart. Only a route that takes the catalogue's id follows it (one configured with its own
 * {@code provider-model}, or of another provider's account, keeps its own); when job-service cannot be asked the last
 * ids read stay, and before any was read the compiled ones.
 */
@Component
class CatalogueProviderModels implements ProviderModels {

    static final Duration FRESHNESS = Duration.ofSeconds(5);

    private final FreshSnapshot<Map<String, JobsApi.CatalogueModel>> catalogue;

    @Autowired
    CatalogueProviderModels(WorkerProperties properties, InternalApiProperties internal, JsonMapper json, Clock clock) {
        this(JobServiceClient.create(properties, internal), json, clock);
    }

    CatalogueProviderModels(RestClient jobs, JsonMapper json, Clock clock) {
        this.catalogue = new FreshSnapshot<>("the model catalogue", Map.of(), FRESHNESS, clock, () -> {
            // read with the application's mapper (snake_case), as the other calls to job-service are
            JobsApi.CatalogueList list = json.readValue(jobs.get().uri("/internal/models").retrieve().body(String.class),
                    JobsApi.CatalogueList.class);
            return Optional.of(list.data().stream()
                    .collect(Collectors.toUnmodifiableMap(JobsApi.CatalogueModel::id, m -> m)));
        });
    }

    @Override
    public String providerModel(String model, ProviderRoute route) {
        Optional<ModelSpec> compiled = ModelCatalogue.find(model);
        boolean takesCatalogues = compiled.isPresent() && compiled.get().providerModel().equals(route.providerModel())
                && compiled.get().provider().equals(route.adapter().provider());
        if (!takesCatalogues) {
            return route.providerModel();
        }
        JobsApi.CatalogueModel current = catalogue.get().get(model);
        return current != null && current.provider().equals(route.adapter().provider())
                ? current.providerModel() : route.providerModel();
    }

    /**
     * The models to build provider engines for at start: the catalogue as data (so a model an operator added on an
     * existing provider is served from the worker's next start), or the compiled one when job-service cannot be asked.
     */
    List<ModelSpec> atStart() {
        Map<String, JobsApi.CatalogueModel> read = catalogue.get();
        if (read.isEmpty()) {
            return ModelCatalogue.all();
        }
        // disabled ones too: jobs accepted before an operator turned a model off still finish
        return read.values().stream().map(JobsApi.CatalogueModel::spec).sorted(Comparator.comparing(ModelSpec::id))
                .toList();
    }
}
