package dev.i2v.worker.providers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.i2v.contracts.events.ProviderCallbackReceived;
import dev.i2v.contracts.events.Topics;

/**
 * Wakes the job a provider called back about, if this worker holds it: it queries its task at once. Every worker
 * hears every callback (a consumer group of its own, from the latest offset); only the holder has a waiter.
 */
@Component
class ProviderCallbackListener {

    private static final Logger log = LoggerFactory.getLogger(ProviderCallbackListener.class);

    private final TaskWakeups wakeups;

    ProviderCallbackListener(TaskWakeups wakeups) {
        this.wakeups = wakeups;
    }

    @KafkaListener(topics = Topics.PROVIDER_CALLBACKS, groupId = "i2v-worker-callbacks-${random.uuid}",
            // a group of its own that only reads what comes next: its offsets matter to no one, so the client
            // commits them now and then instead of the container after every poll (a commit per event)
            properties = {"auto.offset.reset=latest", "enable.auto.commit=true"})
    void on(ProviderCallbackReceived callback) {
        if (wakeups.wake(callback.jobId(), callback.attempt())) {
            log.debug("{} called back about attempt {} of job {}: polling its task now", callback.provider(),
                    callback.attempt(), callback.jobId());
        }
    }
}
