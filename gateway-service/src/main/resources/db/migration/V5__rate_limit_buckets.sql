-- Bucket4j's PostgreSQL backend keeps each account's rate-limit buckets here, so that the limits hold for the
-- whole deployment, not per gateway replica. expires_at is Bucket4j's (epoch milliseconds): a bucket that would
-- be full again by then is removed by the gateway's cleaner.
create table rate_limit_buckets (
    id         text primary key,
    state      bytea,
    expires_at bigint
);
create index rate_limit_buckets_expiry on rate_limit_buckets (expires_at);
