-- Every operator action through /admin/v1: who, when, what, and the values before and after. Append-only: the
-- triggers refuse updates and deletes, so not even the gateway's own role can rewrite history.
create table operator_actions (
    id        bigserial primary key,
    at        timestamptz not null default now(),
    operator  text        not null,
    role      text        not null,
    action    text        not null,
    target    text        not null,
    reason    text,
    before    jsonb,
    after     jsonb
);
create index operator_actions_by_target on operator_actions (target, id desc);
create index operator_actions_by_operator on operator_actions (operator, id desc);

create function operator_actions_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'operator_actions is append-only';
end $$;
create trigger operator_actions_no_update before update or delete on operator_actions
    for each statement execute function operator_actions_append_only();
create trigger operator_actions_no_truncate before truncate on operator_actions
    for each statement execute function operator_actions_append_only();
