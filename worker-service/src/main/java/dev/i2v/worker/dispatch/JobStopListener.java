package dev.i2v.worker.dispatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.events.JobEvent;
import dev.i2v.contracts.events.Topics;

/**
 * Stops work on jobs that ended elsewhere: cancelled by the client or failed by job-service (timeout).
 * Every worker instance listens in a consumer group of its own, from the latest offset: it only
 * needs to hear about jobs it may be running now.
 */
@Component
class JobStopListener {

    private static final Logger log = LoggerFactory.getLogger(JobStopListener.class);

    private final ClaimedJobs running;

    JobStopListener(ClaimedJobs running) {
        this.running = running;
    }

    @KafkaListener(topics = Topics.JOB_EVENTS, groupId = "i2v-worker-stop-${random.uuid}",
            properties = "auto.offset.reset=latest")
    void on(JobEvent event) {
        if ((event instanceof JobEvent.JobCancelled || event instanceof JobEvent.JobFailed) && running.stop(event.jobId())) {
            log.info("stopped job {}: it ended elsewhere ({})", event.jobId(), event.getClass().getSimpleName());
        }
    }
}
