-- Plans are data: an admin can change them without a release.
create table plans (
    code                 text primary key,
    parallel_jobs        int     not null check (parallel_jobs > 0),
    watermark            boolean not null,
    max_resolution_p     int     not null,
    max_duration_seconds int     not null,
    lanes                text    not null,
    signup_grant         bigint  not null check (signup_grant >= 0),
    daily_grant          bigint  not null check (daily_grant >= 0),
    monthly_grant        bigint  not null check (monthly_grant >= 0)
);

insert into plans values
    ('free',     3, true,  768,  10, 'standard',                   1000, 100,     0),
    ('standard', 5, false, 1080, 10, 'standard,priority',          1000, 100,  1000),
    ('pro',      5, false, 1080, 10, 'standard,priority,relaxed',  1000,   0, 10000);

-- balance is what can be spent now: points under an open hold are already out of it.
create table accounts (
    id          uuid primary key,
    plan        text        not null references plans (code),
    balance     bigint      not null check (balance >= 0),
    active_jobs int         not null default 0 check (active_jobs >= 0),
    created_at  timestamptz not null default now()
);

-- Append-only: rows are inserted, never updated or deleted.
create table ledger_entries (
    id            bigserial primary key,
    account_id    uuid        not null references accounts (id),
    kind          text        not null check (kind in ('grant', 'hold', 'capture', 'release', 'expiry', 'adjustment')),
    points        bigint      not null,
    job_id        uuid,
    balance_after bigint      not null check (balance_after >= 0),
    reason        text,
    created_at    timestamptz not null default now()
);
create index ledger_entries_by_account on ledger_entries (account_id, id desc);

create table holds (
    job_id      uuid primary key,
    account_id  uuid        not null references accounts (id),
    amount      bigint      not null check (amount >= 0),
    status      text        not null check (status in ('held', 'captured', 'released', 'expired')),
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    resolved_at timestamptz
);
create index holds_open_by_expiry on holds (expires_at) where status = 'held';
