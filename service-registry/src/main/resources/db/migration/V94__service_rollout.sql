-- Gradual rollouts: the one under way on a service (revision, plan, current share and since when),
-- for the autoscaler that decides its steps through the routes snapshot; null when none is.
alter table service_view
    add column rollout jsonb;
