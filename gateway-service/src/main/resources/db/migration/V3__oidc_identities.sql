-- OIDC sign-in: a token's (issuer, subject) maps to the account an operator linked it to.
create table oidc_identities (
    issuer     text        not null,
    subject    text        not null,
    account_id uuid        not null,
    created_at timestamptz not null default now(),
    primary key (issuer, subject)
);
create index oidc_identities_by_account on oidc_identities (account_id);
