-- API keys are stored only as a SHA-256 hash (they are long random secrets, so a fast hash is safe);
-- the prefix lets a person recognise a key without revealing it.
create table api_keys (
    id         uuid primary key,
    account_id uuid        not null,
    prefix     text        not null,
    key_hash   bytea       not null unique,
    label      text,
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);
create index api_keys_by_account on api_keys (account_id);
