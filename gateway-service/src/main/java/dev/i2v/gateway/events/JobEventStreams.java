package dev.i2v.gateway.events;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.i2v.contracts.api.JobsApi;
import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.JobEventKeys;
import dev.i2v.contracts.events.Topics;
import dev.i2v.gateway.downstream.JobsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open event streams by job. Every gateway instance hears all job events (a consumer group of its
 * own, from the latest offset) and forwards those of jobs somebody here is watching.
 */
@Component
public class JobEventStreams {

    private static final Logger log = LoggerFactory.getLogger(JobEventStreams.class);
    private static final long TIMEOUT_MS = 30 * 60 * 1000L;

    /** A stream and how it shows a job to its client. */
    private record Watcher(SseEmitter emitter, Function<JobsApi.JobView, Object> view) {
    }

    private final Map<UUID, Set<Watcher>> watchers = new ConcurrentHashMap<>();
    private final JobsClient jobs;
    private final JsonMapper json;

    JobEventStreams(JobsClient jobs, JsonMapper json) {
        this.jobs = jobs;
        this.json = json;
    }

    /** Opens a stream: registered first, then the current state is sent, so no change falls between. */
    public SseEmitter open(UUID jobId, Function<JobsApi.JobView, Object> view) {
        Watcher watcher = new Watcher(new SseEmitter(TIMEOUT_MS), view);
        watchers.computeIfAbsent(jobId, id -> new CopyOnWriteArraySet<>()).add(watcher);
        Runnable forget = () -> forget(jobId, watcher);
        watcher.emitter().onCompletion(forget);
        watcher.emitter().onTimeout(forget);
        watcher.emitter().onError(e -> forget.run());
        JobsApi.JobView current = jobs.get(jobId);
        send(watcher, current, current.status().wireName(), current.status().terminal());
        return watcher.emitter();
    }

    /** Only the events of watched jobs are parsed (the record's key is the job's id): most jobs have no stream. */
    @KafkaListener(topics = Topics.JOB_EVENTS, groupId = "i2v-gateway-sse-${random.uuid}",
            // a group of its own that only reads what comes next: its offsets matter to no one, so the client
            // commits them now and then instead of the container after every poll (a commit per event)
            properties = {"auto.offset.reset=latest", "enable.auto.commit=true"})
    void on(ConsumerRecord<String, String> record) {
        UUID jobId = JobEventKeys.jobId(record.key());
        Set<Watcher> set = jobId == null ? null : watchers.get(jobId);
        if (set == null || set.isEmpty()) {
            return;
        }
        JobEvent event = json.readValue(record.value(), JobEvent.class);
        JobsApi.JobView current = jobs.get(event.jobId());
        set.forEach(watcher -> send(watcher, current, eventName(event), event.terminal()));
    }

    private void send(Watcher watcher, JobsApi.JobView job, String name, boolean last) {
        try {
            watcher.emitter().send(SseEmitter.event().name(name).data(watcher.view().apply(job), MediaType.APPLICATION_JSON));
            if (last) {
                watcher.emitter().complete();
            }
        } catch (IOException | IllegalStateException e) {
            log.debug("event stream of job {} closed: {}", job.id(), e.toString());
            watcher.emitter().completeWithError(e);
        }
    }

    private static String eventName(JobEvent event) {
        return switch (event) {
            case JobEvent.JobStarted ignored -> "running";
            case JobEvent.JobProgressed ignored -> "progress";
            case JobEvent.JobRetryScheduled ignored -> "retrying";
            case JobEvent.JobSucceeded ignored -> "succeeded";
            case JobEvent.JobFailed ignored -> "failed";
            case JobEvent.JobCancelled ignored -> "cancelled";
        };
    }

    private void forget(UUID jobId, Watcher watcher) {
        Set<Watcher> set = watchers.get(jobId);
        if (set != null) {
            set.remove(watcher);
            if (set.isEmpty()) {
                watchers.remove(jobId, set);
            }
        }
    }
}
