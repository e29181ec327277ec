-- The provider route (account) a job's current attempt was granted to create its task on: what operators search
-- by during a provider account's incident, and what a job's record shows.
alter table jobs add column provider_route text;
create index jobs_by_route on jobs (provider_route, created_at desc) where provider_route is not null;
