package dev.i2v.worker.reporting;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;

/**
 * Publishes a report and waits until Kafka has it: a job is acknowledged to the share group only
 * after its outcome is durable, so a crash in between redelivers the job instead of losing it.
 */
@Component
public class WorkReporter {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;

    WorkReporter(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    public void report(WorkEvent event) {
        try {
            kafka.send(Topics.WORK_EVENTS, event.jobId().toString(), json.writeValueAsString(event))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportFailed(event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReportFailed(event, e);
        }
    }

    /** Kafka did not take the report; the job must not be acknowledged. */
    public static final class ReportFailed extends RuntimeException {
        ReportFailed(WorkEvent event, Exception cause) {
            super("could not report " + event.getClass().getSimpleName() + " for job " + event.jobId(), cause);
        }
    }
}
