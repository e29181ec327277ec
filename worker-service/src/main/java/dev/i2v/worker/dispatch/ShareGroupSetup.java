package dev.i2v.worker.dispatch;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import dev.i2v.contracts.Lane;
import dev.i2v.contracts.events.Topics;
import dev.i2v.worker.WorkerProperties;

/**
 * Group settings of the workers' share groups (one per lane). They are group configs, not consumer properties: a new
 * share group starts at the latest offset unless told otherwise, which would skip jobs dispatched
 * before the first worker joined.
 */
final class ShareGroupSetup {

    private ShareGroupSetup() {
    }

    static void apply(Admin admin, WorkerProperties properties) {
        Map<ConfigResource, Collection<AlterConfigOp>> groups = new HashMap<>();
        for (Lane lane : Lane.values()) {
            groups.put(new ConfigResource(ConfigResource.Type.GROUP, Topics.workerShareGroup(lane)), settings(properties));
        }
        try {
            admin.incrementalAlterConfigs(groups).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring the share groups", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not configure the workers' share groups", e);
        }
    }

    private static List<AlterConfigOp> settings(WorkerProperties properties) {
        return List.of(
                set("share.auto.offset.reset", "earliest"),
                set("share.record.lock.duration.ms", Long.toString(properties.lockDuration().toMillis())),
                set("share.renew.acknowledge.enable", "true"),
                // a new worker's consumers join one after another; with the default 1 s between assignment runs
                // the last of them got its partitions 2.5 s after joining (bin/bench coldstart), now at its next
                // heartbeat. A group of at most 200 members (the broker's cap) is cheap to assign each time.
                set("share.assignment.interval.ms", "0"));
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
