-- How long a plan lets a job wait for its turn before it fails with queue_timeout (its points released); null: as
-- long as it takes (every seeded plan).
alter table plans add column queue_timeout_seconds int check (queue_timeout_seconds > 0);
