package dev.i2v.jobs.scheduling;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code i2v.jobs.scheduler.*}.
 *
 * @param interval how often a pass runs when nothing nudges it (a submit, a claim or a job's end does)
 * @param window   admitted jobs per lane that no worker has claimed yet, at most: the bound on how many other
 *                 jobs a newly admitted one can wait behind in Kafka (small: fairer; large: more slack for bursts)
 * @param scan     waiting jobs a pass looks at, oldest first
 */
@ConfigurationProperties("i2v.jobs.scheduler")
@Validated
public record SchedulerProperties(
        @NotNull @DefaultValue("200ms") Duration interval,
        @Min(1) @Max(100_000) @DefaultValue("64") int window,
        @Min(1) @Max(100_000) @DefaultValue("5000") int scan) {
}
