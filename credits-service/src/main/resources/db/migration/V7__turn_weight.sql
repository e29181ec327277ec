-- A plan's weight in job-service's turns between accounts: in each turn of a lane an account with weight w may start
-- up to w of its waiting jobs. Free 1, standard 2, pro 4: paying more buys a larger share of a busy lane, while every
-- account still gets a start in every turn.
alter table plans add column turn_weight int not null default 1 check (turn_weight between 1 and 100);
update plans set turn_weight = 2 where code = 'standard';
update plans set turn_weight = 4 where code = 'pro';
