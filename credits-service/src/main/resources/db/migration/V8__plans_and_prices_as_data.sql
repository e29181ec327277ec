-- Plans and prices are edited by operators through the admin API (issue 22), no longer only by migrations.
-- A retired plan takes no new accounts and no moves onto it; the accounts already on it keep it until they move.
alter table plans add column retired_at timestamptz;
alter table plans add column updated_at timestamptz not null default now();
alter table plans add constraint plans_limits_positive
    check (max_resolution_p > 0 and max_duration_seconds > 0 and lanes <> '');

alter table price_overrides add column updated_at timestamptz not null default now();
alter table price_overrides add constraint price_overrides_duration_positive check (duration_seconds > 0);
