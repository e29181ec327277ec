-- How many of the account's waiting jobs may start in one turn of its lane (its plan's weight, from the hold).
alter table jobs add column turn_weight int not null default 1;

-- Each account's newest admissions, for the turns (an account's turn is used up by its weight's worth of them).
create index jobs_admissions_by_account on jobs (account_id, admitted_at desc) where admitted_at is not null;
