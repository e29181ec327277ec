-- Operators read one job's points movements (hold, capture, release) from its record.
create index ledger_entries_by_job on ledger_entries (job_id, id) where job_id is not null;
