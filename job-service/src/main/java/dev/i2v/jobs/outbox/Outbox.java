package dev.i2v.jobs.outbox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import dev.i2v.kit.TraceContexts;

/** Appends an event to the outbox, inside the caller's transaction. */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TraceContexts traces;
    private final OutboxRelay relay;

    Outbox(JdbcClient jdbc, JsonMapper json, TraceContexts traces, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
        this.relay = relay;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, Object event) {
        jdbc.sql("insert into outbox (topic, message_key, payload, traceparent) values (:topic, :key, :payload, :trace)")
                .param("topic", topic).param("key", key).param("payload", json.writeValueAsString(event))
                .param("trace", traces.current()).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.nudge();
            }
        });
    }
}
