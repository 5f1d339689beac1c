-- Projection of the event rules (EventBridge PutRule/PutTargets) the gateway matches and delivers by.
create table event_rule_view (
    rule_arn      text primary key,
    name          text        not null,
    event_pattern text,
    state         text        not null,
    description   text,
    targets       jsonb       not null,
    updated_at    timestamptz not null,
    last_position bigint      not null
);

-- The global position of the last rule event applied: the gateway re-reads the rules when it moves.
create table event_rule_position (
    id            int primary key default 1 check (id = 1),
    last_position bigint not null
);
insert into event_rule_position (id, last_position) values (1, 0);
