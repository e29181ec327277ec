-- The share group's delivery count of the current attempt's dispatch record: with the attempt number
-- it fences stale workers. next_attempt_at: a retry waiting for its backoff to end.
alter table jobs add column delivery int not null default 0;
alter table jobs add column next_attempt_at timestamptz;
create index jobs_retries_due on jobs (next_attempt_at) where status = 'queued' and next_attempt_at is not null;
create index jobs_running on jobs (started_at) where status = 'running';
create index jobs_queued_by_lane on jobs (lane, created_at) where status = 'queued';
