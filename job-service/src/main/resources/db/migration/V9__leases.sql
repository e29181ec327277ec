-- A claimed attempt's lease: the worker that holds it and until when. A worker renews all its leases with one
-- heartbeat; a lease that runs out sends the attempt's dispatch record again (lease_worker null, lease_expires_at
-- null: dispatched again, waiting for a claim). lost_claims counts this attempt's claims that ended without an
-- outcome (lease ran out, or the runner crashed): at the poison limit the job fails instead of crashing another
-- worker.
alter table jobs add column lease_worker text;
alter table jobs add column lease_expires_at timestamptz;
alter table jobs add column lost_claims int not null default 0;
create index jobs_leases_due on jobs (lease_expires_at) where status = 'running' and lease_expires_at is not null;
