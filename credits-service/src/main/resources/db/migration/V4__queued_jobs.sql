-- Jobs a plan lets wait beyond its parallel limit: accepted with their points held, admitted by job-service in
-- turn as the account's running jobs end. 0 keeps the free plan's refuse-at-the-limit behaviour.
alter table plans add column queued_jobs int not null default 0 check (queued_jobs >= 0);
update plans set queued_jobs = 20 where code = 'standard';
update plans set queued_jobs = 50 where code = 'pro';
