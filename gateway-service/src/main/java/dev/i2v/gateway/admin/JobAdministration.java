package dev.i2v.gateway.admin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.api.CreditsApi;
import dev.i2v.contracts.api.JobsApi;
import dev.i2v.gateway.downstream.CreditsClient;
import dev.i2v.gateway.downstream.JobsClient;
import dev.i2v.gateway.operators.AuditEntry;
import dev.i2v.gateway.operators.AuditLog;
import dev.i2v.gateway.operators.AuditQuery;
import dev.i2v.gateway.operators.Operator;
import dev.i2v.gateway.problems.GatewayException;

/**
 * Operators' work on jobs: their whole record (job-service's history, credits' points movements and the operators'
 * own actions on the job), force-cancel, and a refund of a finished job's points, given once.
 */
@Service
public class JobAdministration {

    private final JobsClient jobs;
    private final CreditsClient credits;
    private final AuditLog audit;

    JobAdministration(JobsClient jobs, CreditsClient credits, AuditLog audit) {
        this.jobs = jobs;
        this.credits = credits;
        this.audit = audit;
    }

    /** Everything known about one job, in one answer. */
    public JobDossier dossier(UUID jobId) {
        JobsApi.JobRecord record = jobs.record(jobId);
        List<CreditsApi.LedgerLine> points = credits.ledgerOfJob(jobId).data();
        List<AuditEntry> actions = audit.find(new AuditQuery(null, null, target(jobId), null), 200).data();
        return new JobDossier(record, points, actions);
    }

    /** Cancels a queued or running job; its held points come back. A finished job answers 409. */
    public JobsApi.JobView forceCancel(Operator operator, UUID jobId, String reason) {
        JobsApi.JobView before = jobs.get(jobId);
        JobsApi.JobView after = jobs.cancel(jobId);
        audit.record(operator, "job.cancel", target(jobId), reason, Map.of("status", before.status().wireName()),
                Map.of("status", after.status().wireName()));
        return after;
    }

    /**
     * Gives a succeeded job's points back to its account as a non-expiring grant, once: the grant's idempotency key is
     * the job's, so a second refund (from any operator, any gateway replica) answers 409 {@code already_refunded}.
     */
    public Refund refund(Operator operator, UUID jobId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw GatewayException.invalid("invalid_request", "reason is required: it is kept in the ledger and the audit log");
        }
        JobsApi.JobRecord record = jobs.record(jobId);
        JobsApi.JobView job = record.job();
        if (job.status() != JobStatus.SUCCEEDED || job.cost() == 0) {
            throw GatewayException.conflict("job_not_refundable", "only a succeeded job that was charged can be "
                    + "refunded; this one is " + job.status().wireName() + " and cost " + job.cost() + " points");
        }
        Map<String, Object> granted = credits.grant(job.accountId(), new CreditsApi.AdminGrantRequest(job.cost(),
                "refund of job " + jobId + ": " + reason, null, "refund:" + jobId));
        if (!Boolean.TRUE.equals(granted.get("fresh"))) {
            throw GatewayException.conflict("already_refunded", "job " + jobId + " was refunded already");
        }
        long balance = ((Number) granted.get("balance")).longValue();
        audit.record(operator, "job.refund", target(jobId), reason,
                Map.of("account_id", job.accountId().toString(), "balance", balance - job.cost()),
                Map.of("account_id", job.accountId().toString(), "balance", balance, "refunded", job.cost()));
        return new Refund(jobId, job.accountId(), job.cost(), balance);
    }

    static String target(UUID jobId) {
        return "job:" + jobId;
    }

    /**
     * @param record  job-service's record: the job, its attempts' worker, lease and provider task, every transition
     * @param points  its points movements in credits-service
     * @param actions operators' actions on it, newest first
     */
    public record JobDossier(JobsApi.JobRecord record, List<CreditsApi.LedgerLine> points, List<AuditEntry> actions) {
    }

    /** @param balance the account's balance after the refund */
    public record Refund(UUID jobId, UUID accountId, long points, long balance) {
    }
}
