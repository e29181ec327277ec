-- The submit's trace context: the scheduler admits the job later, from its own thread, and its dispatch record
-- continues the submit's trace (gateway → job-service → Kafka → worker stays one trace).
alter table jobs add column traceparent text;
