-- Before issue 20, RuntimeEnvironmentSecrets values were injected as they were given, so some
-- stored events may hold secrets in the clear. At its next start the registry moves each such value
-- into an SSM SecureString parameter and leaves the parameter's name in its place, in the events up
-- to this position (later ones hold references by design), the outbox and the service projection.
create table secret_reference_upgrade (
    id             int primary key,
    up_to_position bigint  not null,
    done           boolean not null
);
insert into secret_reference_upgrade
select 1, coalesce(max(global_position), 0), false from events;
