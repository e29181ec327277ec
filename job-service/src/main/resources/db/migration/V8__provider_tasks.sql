-- The provider task of the job's current attempt, written as soon as the provider returns its id: a worker that
-- takes the attempt over resumes this task instead of creating (and paying for) a second one.
alter table jobs add column provider_name text;
alter table jobs add column provider_task_id text;
alter table jobs add column provider_task_attempt int;
alter table jobs add column provider_task_delivery int;
alter table jobs add column provider_task_at timestamptz;
