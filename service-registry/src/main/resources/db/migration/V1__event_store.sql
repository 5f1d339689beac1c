-- The event store: the source of truth. One row per event, ordered globally and per stream.
create table events (
    global_position bigserial primary key,
    stream_id       text        not null,
    version         int         not null,
    event_id        uuid        not null unique,
    type            text        not null,
    data            jsonb       not null,
    metadata        jsonb       not null,
    recorded_at     timestamptz not null default now(),
    constraint events_stream_version unique (stream_id, version)
);

-- Messages to publish, written in the same transaction as the events that caused them.
create table outbox (
    id          bigserial primary key,
    topic       text        not null,
    message_key text        not null,
    envelope    jsonb       not null,
    created_at  timestamptz not null default now(),
    sent_at     timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;

-- Ids of consumed commands and reports, so a redelivered message changes nothing.
create table processed_messages (
    message_id   uuid primary key,
    processed_at timestamptz not null default now()
);

-- Projections: read models rebuilt from the events at will.
create table service_view (
    service_arn     text primary key,
    service_id      text        not null,
    service_name    text        not null,
    service_url     text        not null,
    status          text        not null,
    status_message  text,
    configuration   jsonb       not null,
    tags            jsonb       not null,
    active_revision int,
    endpoints       jsonb       not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null,
    deleted_at      timestamptz,
    stream_version  int         not null,
    last_position   bigint      not null
);
-- A live name belongs to one service; this also guards two creates racing on different partitions.
create unique index service_view_live_name on service_view (service_name) where status <> 'DELETED';

create table operation_view (
    operation_id   uuid primary key,
    service_arn    text        not null,
    type           text        not null,
    status         text        not null,
    status_message text,
    started_at     timestamptz not null,
    ended_at       timestamptz,
    updated_at     timestamptz not null,
    last_position  bigint      not null
);
create index operation_view_by_service on operation_view (service_arn, started_at desc);
