-- A claim is a lease: a request whose gateway died leaves its key usable again once locked_until passes,
-- and a request that takes it over reuses the job id stored with it (holds and job creation are idempotent
-- by job id), so a first attempt that got further than its gateway's crash is not done twice.
alter table idempotency_keys add column locked_until timestamptz;
alter table idempotency_keys add column job_id uuid;
