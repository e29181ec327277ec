package dev.i2v.worker.dispatch;

import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.JobEventKeys;
import dev.i2v.contracts.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stops work on jobs that ended elsewhere: cancelled by the client or failed by job-service (timeout).
 * Every worker instance listens in a consumer group of its own, from the latest offset: it only
 * needs to hear about jobs it may be running now.
 */
@Component
class JobStopListener {

    private static final Logger log = LoggerFactory.getLogger(JobStopListener.class);

    private final ClaimedJobs running;
    private final JsonMapper json;

    JobStopListener(ClaimedJobs running, JsonMapper json) {
        this.running = running;
        this.json = json;
    }

    /**
     * Every job's every event reaches every worker; only those of jobs running here are parsed (the key is the
     * job's id), so a worker's cost of the topic does not grow with the fleet's throughput.
     */
    @KafkaListener(topics = Topics.JOB_EVENTS, groupId = "i2v-worker-stop-${random.uuid}",
            // a group of its own that only reads what comes next: its offsets matter to no one, so the client
            // commits them now and then instead of the container after every poll (a commit per event)
            properties = {"auto.offset.reset=latest", "enable.auto.commit=true"})
    void on(ConsumerRecord<String, String> record) {
        UUID jobId = JobEventKeys.jobId(record.key());
        if (jobId == null || !running.runs(jobId)) {
            return;
        }
        JobEvent event = json.readValue(record.value(), JobEvent.class);
        if ((event instanceof JobEvent.JobCancelled || event instanceof JobEvent.JobFailed) && running.stop(event.jobId())) {
            log.info("stopped job {}: it ended elsewhere ({})", event.jobId(), event.getClass().getSimpleName());
        }
    }
}
