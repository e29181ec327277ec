-- The deployment's provider budgets (i2v.jobs.provider-budgets.routes.<route>.*): the slot each attempt holds on a
-- route while its task is open, and the creates of the last minute per route. A slot counts only while its attempt
-- is live (joined with jobs), so an attempt that ended without releasing its slot frees it at once.
create table provider_route_slots (
    route      text        not null,
    job_id     uuid        not null,
    attempt    int         not null,
    granted_at timestamptz not null,
    primary key (job_id, attempt, route)
);
create index provider_route_slots_route on provider_route_slots (route);

create table provider_route_creates (
    route text        not null,
    at    timestamptz not null
);
create index provider_route_creates_route_at on provider_route_creates (route, at);

-- The scheduler's view of a budgeted model: its admitted jobs that have not ended, and its admissions of the last minute.
create index jobs_active_by_model on jobs (model) where status in ('queued', 'running') and admitted_at is not null;
create index jobs_admitted_by_model on jobs (model, admitted_at) where admitted_at is not null;
