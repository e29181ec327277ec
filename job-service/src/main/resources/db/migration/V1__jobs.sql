create table jobs (
    id               uuid primary key,
    account_id       uuid        not null,
    status           text        not null check (status in ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
    model            text        not null,
    prompt           text        not null,
    duration_seconds int         not null check (duration_seconds > 0),
    resolution       text        not null,
    lane             text        not null,
    cost             bigint      not null check (cost >= 0),
    image_key        text        not null,
    progress         int         not null default 0 check (progress between 0 and 100),
    attempt          int         not null default 1,
    worker_id        text,
    output           jsonb,
    error_code       text,
    error_message    text,
    created_at       timestamptz not null default now(),
    started_at       timestamptz,
    finished_at      timestamptz
);
create index jobs_by_account on jobs (account_id, created_at desc, id desc);

-- Every state change of every job, for audit and debugging; appended in the same transaction.
create table job_transitions (
    id          bigserial primary key,
    job_id      uuid        not null references jobs (id),
    from_status text,
    to_status   text        not null,
    attempt     int         not null,
    reason      text,
    at          timestamptz not null default now()
);
create index job_transitions_by_job on job_transitions (job_id, id);

-- Transactional outbox: rows written with the change they announce, deleted once on Kafka.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null default now()
);
