alter table jobs add column webhook_url text;

-- One signing secret per account (Standard Webhooks: whsec_ + base64 of random bytes).
create table webhook_secrets (
    account_id uuid primary key,
    secret     text        not null,
    created_at timestamptz not null default now()
);

-- Webhook outbox: written with the job change it reports, sent and retried by the sender.
create table webhook_deliveries (
    id              text primary key,
    job_id          uuid        not null,
    account_id      uuid        not null,
    url             text        not null,
    event_type      text        not null,
    payload         text        not null,
    attempts        int         not null default 0,
    status          text        not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
    next_attempt_at timestamptz not null default now(),
    last_error      text,
    created_at      timestamptz not null default now(),
    delivered_at    timestamptz
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
