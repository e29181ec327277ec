package dev.i2v.jobs.progress;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.events.Topics;
import dev.i2v.contracts.events.WorkEvent;
import dev.i2v.jobs.jobs.ApplyWorkReportService;

/** Feeds the workers' reports from Kafka to {@link ApplyWorkReportService}. */
@Component
class WorkReportListener {

    private final ApplyWorkReportService reports;
    WorkReportListener(ApplyWorkReportService reports) {
        this.reports = reports;
    }

    @KafkaListener(topics = Topics.WORK_EVENTS)
    void on(WorkEvent report) {
        reports.apply(report);
    }
}
