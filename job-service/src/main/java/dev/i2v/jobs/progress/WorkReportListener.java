package dev.i2v.jobs.progress;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.jobs.ApplyWorkReportService;

/** Feeds the workers' reports from Kafka to {@link ApplyWorkReportService}. */
@Component
class WorkReportListener {

    private final ApplyWorkReportService reports;
    private final JsonMapper json;

    WorkReportListener(ApplyWorkReportService reports, JsonMapper json) {
        this.reports = reports;
        this.json = json;
    }

    @KafkaListener(topics = Topics.WORK_EVENTS)
    void on(String payload) {
        reports.apply(json.readValue(payload, WorkEvent.class));
    }
}
