-- A relaxed-lane job runs on idle capacity: its hold takes none of the plan's parallel slots (active_jobs). Relaxed
-- holds are bounded on their own (as many open at once as the plan's parallel and queued limits together).
alter table holds add column takes_slot boolean not null default true;
create index holds_open_relaxed on holds (account_id) where status = 'held' and not takes_slot;
