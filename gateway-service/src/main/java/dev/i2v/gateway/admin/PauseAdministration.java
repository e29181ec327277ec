package dev.i2v.gateway.admin;

import org.springframework.stereotype.Service;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.models.ModelCatalog;
import dev.i2v.gateway.operators.AuditLog;
import dev.i2v.gateway.operators.Operator;
import dev.i2v.gateway.pauses.ActivePauses;
import dev.i2v.gateway.problems.GatewayException;

/** Operators pause and resume lanes, models and routes (owned by job-service), each recorded in the audit log. */
@Service
public class PauseAdministration {

    private final JobsClient jobs;
    private final ActivePauses active;
    private final AuditLog audit;
    private final ModelCatalog models;

    PauseAdministration(JobsClient jobs, ActivePauses active, AuditLog audit, ModelCatalog models) {
        this.models = models;
        this.jobs = jobs;
        this.active = active;
        this.audit = audit;
    }

    public JobsApi.Pause pause(Operator operator, String kind, String name, String mode, String reason) {
        if (kind.equals("model") && models.find(name).isEmpty()) {
            throw GatewayException.invalid("invalid_request", "no model named '" + name + "'");
        }
        JobsApi.Pause before = jobs.pauses().data().stream()
                .filter(p -> p.kind().equals(kind) && p.name().equals(name)).findFirst().orElse(null);
        JobsApi.Pause after = jobs.pause(kind, name, new JobsApi.PauseRequest(mode, reason, operator.name()));
        active.invalidate();
        audit.record(operator, "pause", target(kind, name), reason, before, after);
        return after;
    }

    public JobsApi.Pause resume(Operator operator, String kind, String name, String reason) {
        JobsApi.Pause ended = jobs.resume(kind, name);
        active.invalidate();
        audit.record(operator, "resume", target(kind, name), reason, ended, null);
        return ended;
    }

    private static String target(String kind, String name) {
        return kind + ":" + name;
    }
}
