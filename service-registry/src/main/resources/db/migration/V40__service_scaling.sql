-- Scaling of a service's active revision, projected from ServiceScaled, RevisionActivated and
-- ServiceScalingLimitsChanged: how many instances it should run and within which limits.
-- Null for services whose events predate them (the readers fall back to defaults).
alter table service_view add column desired_instances integer;
alter table service_view add column min_size integer;
alter table service_view add column max_size integer;
alter table service_view add column max_concurrency integer;
