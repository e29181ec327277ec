package dev.i2v.contracts.events;

import java.util.List;

import dev.i2v.contracts.Lane;

/** The Kafka topics of the system, with their partition counts. */
public final class Topics {

    /** Job-service → workers: {@link JobDispatched}, one topic per lane, read through share groups. */
    public static final String DISPATCH_PRIORITY = "i2v.dispatch.priority";
    public static final String DISPATCH_STANDARD = "i2v.dispatch.standard";
    public static final String DISPATCH_RELAXED = "i2v.dispatch.relaxed";

    /** Workers → job-service: {@link WorkEvent}s, keyed by job id. */
    public static final String WORK_EVENTS = "i2v.work.events";

    /** Job-service → credits, gateway: {@link JobEvent}s (job state changes), keyed by job id. */
    public static final String JOB_EVENTS = "i2v.job.events";

    /**
     * Gateway → workers: {@link ProviderCallbackReceived}, keyed by job id. Every worker reads all of it (a group of
     * its own, from the latest offset) and wakes the job it holds, if any.
     */
    public static final String PROVIDER_CALLBACKS = "i2v.provider.callbacks";

    /**
     * Job-service → workers: {@link ProviderTaskAbandoned}, keyed by job id, through job-service's outbox. Read by
     * one consumer group shared by the whole fleet ({@link #ABANDONED_TASKS_GROUP}): each task is cancelled once,
     * by whichever worker is alive.
     */
    public static final String PROVIDER_TASKS_ABANDONED = "i2v.provider.tasks.abandoned";

    /** The workers' one consumer group for {@link #PROVIDER_TASKS_ABANDONED}. */
    public static final String ABANDONED_TASKS_GROUP = "i2v-workers-abandoned-tasks";

    /**
     * The share group the workers join for one lane's dispatch topic. A group per lane: each worker is one member of
     * each (its one consumer of that lane), so the broker's default cap of 200 members per share group is 200
     * workers, not 66.
     */
    public static String workerShareGroup(Lane lane) {
        return "i2v-workers-" + lane.wireName();
    }

    /** Where a listener parks a record of {@code topic} it can never apply (unreadable), for an operator to look at. */
    public static String parked(String topic) {
        return topic + ".parked";
    }

    /** A topic and how many partitions it is created with. */
    public record TopicSpec(String name, int partitions) {
    }

    /**
     * The dispatch topics have one partition each: a share group hands one partition's records to all its members,
     * while with more partitions than members each partition belongs to one member alone — and a frozen worker's
     * partitions would wait for it until the broker evicts it (45 s), whatever the other workers could take.
     */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(DISPATCH_PRIORITY, 1),
            new TopicSpec(DISPATCH_STANDARD, 1),
            new TopicSpec(DISPATCH_RELAXED, 1),
            new TopicSpec(WORK_EVENTS, 6),
            new TopicSpec(JOB_EVENTS, 6),
            new TopicSpec(PROVIDER_CALLBACKS, 3),
            new TopicSpec(PROVIDER_TASKS_ABANDONED, 3),
            new TopicSpec(parked(WORK_EVENTS), 1),
            new TopicSpec(parked(JOB_EVENTS), 1));

    private Topics() {
    }

    public static String dispatchTopic(Lane lane) {
        return switch (lane) {
            case PRIORITY -> DISPATCH_PRIORITY;
            case STANDARD -> DISPATCH_STANDARD;
            case RELAXED -> DISPATCH_RELAXED;
        };
    }
}
