-- The model catalogue as data (issue 22): seeded on start from the compiled catalogue (a row an operator edited is
-- kept), edited through the admin API, read by the gateway every few seconds. Code is needed only for a provider.
create table model_catalogue (
    id               text primary key,
    provider         text        not null,
    provider_model   text        not null,
    durations        int[]       not null check (cardinality(durations) > 0),
    resolutions      text[]      not null check (cardinality(resolutions) > 0),
    prompt_optimizer boolean     not null,
    enabled          boolean     not null default true,
    updated_at       timestamptz not null default now(),
    updated_by       text        not null
);
