-- The operators' overview counts each model's jobs that ended in the last 15 minutes (its health) every few seconds.
create index jobs_by_finished_at on jobs (finished_at) where finished_at is not null;
