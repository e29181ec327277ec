-- A deleted job stays for the ledger's and the audit's sake but is no longer shown to its owner.
alter table jobs add column deleted_at timestamptz;
