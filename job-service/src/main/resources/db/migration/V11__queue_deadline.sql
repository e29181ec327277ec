-- A job still queued at its queue deadline (its plan's queue timeout after submit) fails with queue_timeout.
alter table jobs add column queue_deadline timestamptz;
create index jobs_queue_deadlines on jobs (queue_deadline) where status = 'queued' and queue_deadline is not null;
