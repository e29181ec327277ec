package dev.i2v.gateway.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.i2v.contracts.InputImage;
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
import dev.i2v.gateway.videos.SubmitVideoService;
import dev.i2v.gateway.videos.VideoJson;
import dev.i2v.gateway.videos.VideoRequest;
import dev.i2v.storage.ObjectStore;

/**
 * Operators' work on jobs: their whole record (job-service's history, credits' points movements and the operators'
 * own actions on the job), force-cancel, and a refund of a finished job's points, given once.
 */
@Service
public class JobAdministration {

    private final JobsClient jobs;
    private final CreditsClient credits;
    private final AuditLog audit;
    private final SubmitVideoService submits;
    private final ObjectStore store;

    JobAdministration(JobsClient jobs, CreditsClient credits, AuditLog audit, SubmitVideoService submits,
                      ObjectStore store) {
        this.jobs = jobs;
        this.credits = credits;
        this.audit = audit;
        this.submits = submits;
        this.store = store;
    }

    /** Every account's jobs, newest first; a null filter is not applied. */
    public JobsApi.JobPage search(String accountId, String status, String model, String provider, String route,
                                  String lane, String createdFrom, String createdTo, String cursor, int limit) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("account_id", accountId);
        filters.put("status", status);
        filters.put("model", model);
        filters.put("provider", provider);
        filters.put("route", route);
        filters.put("lane", lane);
        filters.put("created_from", createdFrom);
        filters.put("created_to", createdTo);
        return jobs.search(filters, cursor, limit);
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
        requireReason(reason);
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

    /**
     * Submits a failed job again, as a new job with the same account, inputs and webhook: it is held at today's price
     * (the failed one's hold was released when it failed, so the account pays once, for the video it gets) and
     * queued like a submit. Once per failed job: a second requeue answers 409 {@code already_requeued}.
     */
    public VideoJson requeue(Operator operator, UUID jobId, String reason) {
        requireReason(reason);
        JobsApi.JobRecord record = jobs.record(jobId);
        JobsApi.JobView failed = record.job();
        if (failed.status() != JobStatus.FAILED) {
            throw GatewayException.conflict("job_not_requeueable", "job " + jobId + " cannot be requeued: only a "
                    + "failed job can be; this one is " + failed.status().wireName());
        }
        if (record.requeuedAs() != null) {
            throw GatewayException.conflict("already_requeued", "job " + jobId + " was requeued already, as job "
                    + record.requeuedAs());
        }
        VideoRequest again = new VideoRequest(failed.prompt(), inputImage(jobId, record.image()), null, failed.model(),
                failed.durationSeconds(), failed.resolution(), record.promptOptimizer(), failed.lane().wireName(),
                record.webhookUrl());
        VideoJson requeued = submits.resubmit(failed.accountId(), again, jobId);
        audit.record(operator, "job.requeue", target(jobId), reason, Map.of("status", failed.status().wireName()),
                Map.of("requeued_as", requeued.id(), "cost", requeued.cost()));
        return requeued;
    }

    private byte[] inputImage(UUID jobId, InputImage image) {
        try (InputStream in = store.open(image.key())) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw GatewayException.conflict("job_not_requeueable", "job " + jobId + " cannot be requeued: its input "
                    + "image is no longer stored");
        } catch (IOException e) {
            throw GatewayException.unavailable("image storage");
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw GatewayException.invalid("invalid_request", "reason is required: it is kept in the ledger and the audit log");
        }
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
