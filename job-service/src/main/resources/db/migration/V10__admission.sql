-- Jobs wait here until the scheduler admits them (writes their dispatch record): admitted_at is when it did.
-- parallel_limit is how many of the account's jobs its plan lets run at once (null: no limit of the account's).
-- Jobs queued before this migration were dispatched at submit: they count as admitted.
alter table jobs add column admitted_at timestamptz;
alter table jobs add column parallel_limit int;
update jobs set admitted_at = created_at;
create index jobs_waiting_admission on jobs (created_at, id) where status = 'queued' and admitted_at is null;
create index jobs_admitted_by_account on jobs (account_id) where status in ('queued', 'running') and admitted_at is not null;
