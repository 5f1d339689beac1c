-- Runway.UpdateTraffic: a service's split between revisions (revision, percent, tag, endpoints of
-- the revisions beside the active one), for the routers' snapshot; null or [] when every request
-- goes to the active revision.
alter table service_view
    add column traffic jsonb;
