package dev.i2v.jobs.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.i2v.contracts.JobStatus;
import dev.i2v.contracts.events.JobDispatched;
import dev.i2v.contracts.events.JobEvent;

/**
 * One transition of a job and what must be said because of it: the messages are decided by the transition
 * itself, and {@link JobTransitions} saves all of it in one transaction.
 *
 * @param before   null when the job was just submitted
 * @param reason   why, as recorded in the job's transitions
 * @param messages in the order they are written to the outbox
 */
public record JobChange(Job before, Job after, String reason, List<Message> messages) {

    public JobChange {
        messages = List.copyOf(messages);
    }

    /** The status the job left; null when it was just submitted. */
    public JobStatus from() {
        return before == null ? null : before.status();
    }

    /** Whether it goes into the job's transition history: a new status, or a new worker's delivery. */
    boolean recorded() {
        return before == null || before.status() != after.status() || before.delivery() != after.delivery();
    }

    /** The same change saying one more thing. */
    JobChange with(Message message) {
        List<Message> more = new ArrayList<>(messages);
        more.add(message);
        return new JobChange(before, after, reason, more);
    }

    /** What a transition says. */
    public sealed interface Message {
    }

    /** Hands the job's attempt to the workers on its lane. */
    public record Dispatch(JobDispatched record) implements Message {
    }

    /** Tells credits and the gateways. */
    public record Announce(JobEvent event) implements Message {
    }

    /**
     * The job ended without its worker's report: the task its attempt may have at a hosted provider is abandoned, for
     * one worker of the fleet to cancel there.
     */
    public record AbandonTask() implements Message {
    }

    /** Tells the job's webhook, if it has one. */
    public record Webhook(String url, String type, Map<String, Object> data) implements Message {
    }
}
