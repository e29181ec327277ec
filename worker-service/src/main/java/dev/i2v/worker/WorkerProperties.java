package dev.i2v.worker;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param slots         CPU-bound work this worker runs at once: local-engine renders, and the watermarking and storing
 *                      of hosted models' results (set it to the cores the worker has)
 * @param maxRemoteJobs hosted-model jobs this worker holds at once; each waits for its provider on a virtual thread
 *                      and costs only its state, so thousands fit
 * @param workerId      how this worker names itself in reports; generated when blank
 * @param lockDuration  the share group's acquisition lock (15–60 s allowed by the broker's defaults): how long a
 *                      dispatch record may wait in a worker before it claims the job in job-service (renewed at a
 *                      third of it while a local job waits for a CPU slot); a claimed job holds no record
 * @param pollTimeout   how long the dispatcher waits for a job on the lane the last job came from before it looks at
 *                      the other lanes again. Each lane's consumer fetches in the background (the broker holds its
 *                      fetch open until a record comes): a job on that lane is taken as it arrives, one on another
 *                      lane waits in its consumer up to this long. Shorter costs more idle CPU (each look is a poll
 *                      of three consumers)
 * @param standardEvery every n-th job a slot takes looks at the standard lane first, so a busy priority
 *                      lane cannot starve it
 * @param drainGrace    on shutdown (SIGTERM, a scale-in) running jobs get this long to finish before they are
 *                      handed back to the group for another worker; keep it under the pod's
 *                      terminationGracePeriodSeconds with room for the hand-back
 * @param jobsUrl       job-service, where each job is claimed and its lease renewed, and where a hosted model's task
 *                      id is recorded for its attempt and looked up before any create (so an attempt taken over never
 *                      pays for a second task)
 * @param jobsTimeout   connect and read timeout of one call to job-service
 */
@ConfigurationProperties("i2v.worker")
@Validated
public record WorkerProperties(
        @Min(1) @Max(64) @DefaultValue("2") int slots,
        @Min(1) @Max(100_000) @DefaultValue("10000") int maxRemoteJobs,
        String workerId,
        @NotNull @DefaultValue("60s") Duration lockDuration,
        @NotNull @DefaultValue("20ms") Duration pollTimeout,
        @Min(2) @DefaultValue("4") int standardEvery,
        @NotNull @DefaultValue("90s") Duration drainGrace,
        @NotNull @DefaultValue("http://127.0.0.1:8082") URI jobsUrl,
        @NotNull @DefaultValue("5s") Duration jobsTimeout) {
}
