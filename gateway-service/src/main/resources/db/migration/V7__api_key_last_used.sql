-- When each key was last accepted, written by the gateway every interval (not per request), for operators.
alter table api_keys add column last_used_at timestamptz;
