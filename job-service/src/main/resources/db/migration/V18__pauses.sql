-- Operators pause a lane, a model or a route (a provider account) during an incident. The scheduler admits no
-- waiting job of a paused lane or model (they wait, in order, until it is resumed); a worker asking for a paused
-- route's slot is told to wait; jobs already running finish. mode 'refuse' also makes the gateway answer new submits
-- 503 (model_paused, lane_paused) instead of queueing them.
create table pauses (
    kind      text        not null check (kind in ('lane', 'model', 'route')),
    name      text        not null,
    mode      text        not null check (mode in ('queue', 'refuse')),
    reason    text,
    paused_by text        not null,
    paused_at timestamptz not null default now(),
    primary key (kind, name)
);
