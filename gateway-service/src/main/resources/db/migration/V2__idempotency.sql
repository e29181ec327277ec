-- Idempotency-Key (Stripe's semantics): the first successful response to a key is kept for 24 h and
-- replayed to every retry with the same request; a different request under the same key is refused.
-- A row in progress marks a request still running: duplicates wait for it instead of running twice.
create table idempotency_keys (
    account_id      uuid        not null,
    key             text        not null,
    fingerprint     bytea       not null,
    status          text        not null check (status in ('in_progress', 'done')),
    response_status int,
    response_body   text,
    created_at      timestamptz not null default now(),
    primary key (account_id, key)
);
create index idempotency_keys_by_age on idempotency_keys (created_at);
