package dev.i2v.worker.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.Topics;
import dev.i2v.worker.WorkerProperties;

/**
 * The worker's slots: each a thread with a share consumer per lane (consumers are not thread-safe),
 * running one job at a time. On shutdown a slot finishes or hands back its job; a job acquired by a
 * worker that dies returns to the group when its acquisition lock expires. The slots' consumers were made and
 * joined to the group while the context refreshed ({@link DispatchPreparation}).
 */
@Component
class DispatchConsumers implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DispatchConsumers.class);

    private final DispatchPreparation preparation;
    private final WorkerProperties properties;
    private final JobRunner runner;
    private final RunningJobs running;
    private final JsonMapper json;
    private final String workerId;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean accepting;
    /** Shared by the slots: suspect jobs run alone (see {@link Slot}); fair, so a waiting suspect is not starved. */
    private final ReadWriteLock quarantine = new ReentrantReadWriteLock(true);

    DispatchConsumers(DispatchPreparation preparation, WorkerProperties properties, JobRunner runner,
                      RunningJobs running, JsonMapper json) {
        this.preparation = preparation;
        this.properties = properties;
        this.runner = runner;
        this.running = running;
        this.json = json;
        this.workerId = preparation.workerId();
    }

    @Override
    public void start() {
        List<Map<Lane, KafkaShareConsumer<String, String>>> consumers = preparation.await();
        accepting = true;
        for (int i = 0; i < properties.slots(); i++) {
            Thread thread = new Thread(new Slot(i, consumers.get(i), runner, running, json, properties, workerId,
                    () -> accepting, quarantine), workerId + "-slot-" + i);
            threads.add(thread);
            thread.start();
        }
        log.info("worker {} takes jobs with {} slots from share group {}", workerId, properties.slots(),
                Topics.WORKER_SHARE_GROUP);
    }

    /**
     * The drain: slots stop taking jobs; a running job gets {@code drain-grace} to finish, then is handed
     * back to the group, where another worker takes it.
     */
    @Override
    public void stop() {
        accepting = false;
        log.info("draining: no new jobs; {} running get {} to finish before they are handed back", running.size(),
                properties.drainGrace());
        for (Thread thread : threads) {
            try {
                thread.join(properties.drainGrace().plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return accepting;
    }

    /** A start that failed before the slots took their consumers leaves them to be closed here. */
    @Override
    public void destroy() {
        if (threads.isEmpty()) {
            preparation.close();
        }
    }
}
