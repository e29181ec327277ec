package dev.i2v.worker.dispatch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

import dev.i2v.contracts.events.Topics;
import dev.i2v.worker.WorkerProperties;

/**
 * Group settings of the workers' share group. They are group configs, not consumer properties: a new
 * share group starts at the latest offset unless told otherwise, which would skip jobs dispatched
 * before the first worker joined.
 */
final class ShareGroupSetup {

    private ShareGroupSetup() {
    }

    static void apply(Admin admin, WorkerProperties properties) {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, Topics.WORKER_SHARE_GROUP);
        List<AlterConfigOp> settings = List.of(
                set("share.auto.offset.reset", "earliest"),
                set("share.record.lock.duration.ms", Long.toString(properties.lockDuration().toMillis())),
                set("share.renew.acknowledge.enable", "true"),
                // a new worker's consumers join one after another; with the default 1 s between assignment runs
                // the last of them got its partitions 2.5 s after joining (bin/bench coldstart), now at its next
                // heartbeat. A group of at most 200 members (the broker's cap) is cheap to assign each time.
                set("share.assignment.interval.ms", "0"));
        try {
            admin.incrementalAlterConfigs(Map.of(group, settings)).all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while configuring the share group", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not configure share group " + Topics.WORKER_SHARE_GROUP, e);
        }
    }

    private static AlterConfigOp set(String name, String value) {
        return new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET);
    }
}
