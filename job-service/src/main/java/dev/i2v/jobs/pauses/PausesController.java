package dev.i2v.jobs.pauses;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;

@RestController
@RequestMapping("/internal/pauses")
class PausesController {

    private final Pauses pauses;

    PausesController(Pauses pauses) {
        this.pauses = pauses;
    }

    @GetMapping
    JobsApi.PauseList all() {
        return new JobsApi.PauseList(pauses.all());
    }

    @PutMapping("/{kind}/{name}")
    JobsApi.Pause pause(@PathVariable String kind, @PathVariable String name, @RequestBody JobsApi.PauseRequest request) {
        return pauses.pause(kind, name, request);
    }

    /** Resumes; answers the pause that ended. */
    @DeleteMapping("/{kind}/{name}")
    JobsApi.Pause resume(@PathVariable String kind, @PathVariable String name) {
        return pauses.resume(kind, name);
    }
}
