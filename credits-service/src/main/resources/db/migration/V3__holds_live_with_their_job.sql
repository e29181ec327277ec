-- A hold whose job exists no longer expires: its expiry is cleared and the job's end settles it.
alter table holds alter column expires_at drop not null;
