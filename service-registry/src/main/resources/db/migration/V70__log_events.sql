-- The log store (SPEC.md §10.1): every line of every log group and stream, from runway.logs (build
-- output, application output) and from the registry's own events (the `events` stream). A
-- projection: rebuilt from Kafka within its retention; lines older than RUNWAY_LOG_RETENTION_DAYS
-- are deleted. `id` orders a stream's lines as they arrived and makes the paging tokens.
create table log_events (
    id             bigserial   primary key,
    message_id     uuid        not null unique,
    log_group      text        not null,
    log_stream     text        not null,
    event_time     timestamptz not null,
    ingestion_time timestamptz not null default now(),
    message        text        not null
);
create index log_events_stream on log_events (log_group, log_stream, id);
create index log_events_group on log_events (log_group, id);
create index log_events_ingestion on log_events (ingestion_time);
