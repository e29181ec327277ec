package dev.i2v.jobs.jobs;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.i2v.contracts.api.JobsApi;

/** The workers' side of {@link LeaseService}: claims, the heartbeat, releases. */
@RestController
class LeaseController {

    private final LeaseService leases;

    LeaseController(LeaseService leases) {
        this.leases = leases;
    }

    @PostMapping("/internal/jobs/{id}/attempts/{attempt}/claims")
    JobsApi.Claim claim(@PathVariable UUID id, @PathVariable int attempt, @RequestBody JobsApi.ClaimRequest request) {
        return leases.claim(id, attempt, request.workerId());
    }

    @PostMapping("/internal/leases/heartbeat")
    JobsApi.HeartbeatAnswer heartbeat(@RequestBody JobsApi.Heartbeat heartbeat) {
        return new JobsApi.HeartbeatAnswer(leases.renew(heartbeat));
    }

    @PostMapping("/internal/leases/release")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@RequestBody JobsApi.Release release) {
        leases.release(release);
    }
}
