-- The newest claim (attempt, delivery) that looked up its attempt's provider task and found none: from then on it
-- may be creating a task of its own, so an older claim's late record of another task is refused (the older worker
-- cancels its task) instead of leaving the attempt with two tasks. An older claim's record that comes before any
-- newer lookup is kept, and the newer claim resumes that task: one task, paid once.
alter table jobs add column provider_task_lookup_attempt int;
alter table jobs add column provider_task_lookup_delivery int;
