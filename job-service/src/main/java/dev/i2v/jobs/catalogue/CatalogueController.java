package dev.i2v.jobs.catalogue;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;

@RestController
@RequestMapping("/internal/models")
class CatalogueController {

    private final ModelCatalogueService catalogue;

    CatalogueController(ModelCatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    JobsApi.CatalogueList all() {
        return new JobsApi.CatalogueList(catalogue.all());
    }

    /** Adds or replaces the model. */
    @PutMapping("/{id}")
    JobsApi.CatalogueModel put(@PathVariable String id, @RequestBody JobsApi.CatalogueModelRequest request) {
        return catalogue.put(id, request);
    }
}
