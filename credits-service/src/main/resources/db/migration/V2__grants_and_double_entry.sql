-- Grants become lots that are spent soonest-expiring first; the ledger becomes double-entry.

alter table accounts add column time_zone text not null default 'UTC';

-- A lot of points from one grant. remaining is what is left to spend; an expired lot is zeroed by an
-- expiry entry. grant_key makes every grant idempotent: 'signup', 'daily:2026-11-25',
-- 'monthly:standard:2026-11', 'admin:<idempotency key>'.
create table grants (
    id         bigserial primary key,
    account_id uuid        not null references accounts (id),
    kind       text        not null check (kind in ('signup', 'daily', 'monthly', 'admin')),
    grant_key  text        not null,
    points     bigint      not null check (points > 0),
    remaining  bigint      not null check (remaining >= 0 and remaining <= points),
    expires_at timestamptz,
    reason     text,
    created_at timestamptz not null default now(),
    unique (account_id, grant_key)
);
create index grants_spendable on grants (account_id, expires_at nulls last, id) where remaining > 0;
create index grants_expiring on grants (expires_at) where remaining > 0 and expires_at is not null;

-- Which lots paid for a hold: a release gives the points back to the same lots.
create table hold_allocations (
    job_id   uuid   not null references holds (job_id),
    grant_id bigint not null references grants (id),
    points   bigint not null check (points > 0),
    primary key (job_id, grant_id)
);

-- Admin debits, idempotent by key.
create table adjustments (
    account_id      uuid        not null references accounts (id),
    idempotency_key text        not null,
    requested       bigint      not null,
    applied         bigint      not null,
    reason          text,
    created_at      timestamptz not null default now(),
    primary key (account_id, idempotency_key)
);

-- Price overrides keyed by (model, duration, resolution, lane); the configured rule prices the rest.
create table price_overrides (
    model            text   not null,
    duration_seconds int    not null,
    resolution       text   not null,
    lane             text   not null,
    points           bigint not null check (points >= 0),
    primary key (model, duration_seconds, resolution, lane)
);

-- Double entry: every journal row moves `amount` from debit_account to credit_account. Ledger accounts
-- are 'available:<account>', 'held:<account>' and the system accounts 'system:issued',
-- 'system:revenue', 'system:expired', 'system:adjustments'. points/balance_after keep the user's view.
alter table ledger_entries
    add column amount bigint,
    add column debit_account text,
    add column credit_account text,
    add column grant_id bigint references grants (id);

-- Carry V1 data over: V1 had only signup grants, holds, captures and releases.
insert into grants (account_id, kind, grant_key, points, remaining, reason)
select a.id, 'signup', 'signup', p.signup_grant, a.balance, 'signup'
  from accounts a join plans p on p.code = a.plan
 where p.signup_grant > 0;
insert into hold_allocations (job_id, grant_id, points)
select h.job_id, g.id, h.amount from holds h join grants g on g.account_id = h.account_id and g.grant_key = 'signup'
 where h.status = 'held' and h.amount > 0;
update ledger_entries e set
    amount = case when e.kind = 'capture' then (select h.amount from holds h where h.job_id = e.job_id) else abs(e.points) end,
    debit_account = case e.kind when 'grant' then 'system:issued'
                                when 'hold' then 'available:' || e.account_id
                                else 'held:' || e.account_id end,
    credit_account = case e.kind when 'grant' then 'available:' || e.account_id
                                 when 'hold' then 'held:' || e.account_id
                                 when 'capture' then 'system:revenue'
                                 else 'available:' || e.account_id end;

alter table ledger_entries
    alter column amount set not null,
    alter column debit_account set not null,
    alter column credit_account set not null,
    add constraint ledger_entries_amount_not_negative check (amount >= 0),
    add constraint ledger_entries_two_sides check (debit_account <> credit_account),
    alter column account_id drop not null;
create index ledger_entries_by_debit on ledger_entries (debit_account);
create index ledger_entries_by_credit on ledger_entries (credit_account);

-- The journal is append-only: the database refuses edits and deletions.
create function ledger_entries_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entries is append-only';
end $$;
create trigger ledger_entries_no_update before update or delete on ledger_entries
    for each row execute function ledger_entries_append_only();
