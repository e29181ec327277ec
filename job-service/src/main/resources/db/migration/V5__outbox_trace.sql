-- The trace an event was written in, so that publishing it (later, by the relay) continues that trace.
alter table outbox add column traceparent text;
