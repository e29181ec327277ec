-- A create call counts against a route's per-minute budget from when its call was answered, not from its grant: the
-- provider counts the call when it arrives, which is after the grant and before the answer, so a minute after the
-- answer is a minute after the provider's count whatever the call's lag (a cold worker, a GC pause, a slow network).
-- A call not answered yet counts as made now; one never answered (its worker died) stops counting two minutes after
-- its grant, well past the workers' 30 s call timeout.
alter table provider_route_creates
    add column job_id      uuid,
    add column attempt     int,
    add column answered_at timestamptz;
update provider_route_creates set answered_at = at;
create index provider_route_creates_unanswered on provider_route_creates (job_id, attempt) where answered_at is null;
