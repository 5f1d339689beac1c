-- The audit trail: one row per API call (CloudTrail's record in `record`), for LookupEvents.
create table audit_events (
    event_id      text primary key,
    event_time    timestamptz not null,
    event_name    text        not null,
    event_source  text        not null,
    access_key_id text,
    username      text,
    read_only     boolean     not null,
    resource_type text,
    resource_name text,
    record        jsonb       not null
);
create index audit_events_time on audit_events (event_time desc, event_id desc);
