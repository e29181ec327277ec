-- An operator requeues a failed job as a new job with the same inputs: the new job names the failed one. Unique, so a
-- failed job is requeued at most once however many operators (or gateway replicas) ask at the same moment.
alter table jobs add column requeued_from uuid unique references jobs (id);
