-- Read models of the account resources (auto scaling and observability configurations, VPC
-- connectors and ingress connections, custom domains, tags). Rebuilt from the events at will.

create table auto_scaling_configuration_view (
    arn             text primary key,
    name            text        not null,
    revision        int         not null,
    max_concurrency int         not null,
    min_size        int         not null,
    max_size        int         not null,
    status          text        not null,
    is_default      boolean     not null,
    created_at      timestamptz not null,
    deleted_at      timestamptz,
    last_position   bigint      not null
);
create index auto_scaling_configuration_by_name on auto_scaling_configuration_view (name, revision);

create table observability_configuration_view (
    arn           text primary key,
    name          text        not null,
    revision      int         not null,
    trace_vendor  text,
    status        text        not null,
    created_at    timestamptz not null,
    deleted_at    timestamptz,
    last_position bigint      not null
);
create index observability_configuration_by_name on observability_configuration_view (name, revision);

create table vpc_connector_view (
    arn             text primary key,
    name            text        not null,
    revision        int         not null,
    subnets         jsonb       not null,
    security_groups jsonb       not null,
    status          text        not null,
    created_at      timestamptz not null,
    deleted_at      timestamptz,
    last_position   bigint      not null
);

create table vpc_ingress_connection_view (
    arn             text primary key,
    name            text        not null,
    service_arn     text        not null,
    vpc_id          text        not null,
    vpc_endpoint_id text        not null,
    domain_name     text        not null,
    account_id      text        not null,
    status          text        not null,
    created_at      timestamptz not null,
    deleted_at      timestamptz,
    last_position   bigint      not null
);
create index vpc_ingress_connection_by_service on vpc_ingress_connection_view (service_arn);

create table custom_domain_view (
    service_arn          text        not null,
    domain_name          text        not null,
    enable_www_subdomain boolean     not null,
    validation_records   jsonb       not null,
    status               text        not null,
    associated_at        timestamptz not null,
    last_position        bigint      not null,
    primary key (service_arn, domain_name)
);

-- Tags of every resource: set at create, changed by TagResource/UntagResource.
create table resource_tag_view (
    resource_arn  text primary key,
    tags          jsonb  not null,
    last_position bigint not null
);
insert into resource_tag_view (resource_arn, tags, last_position)
    select service_arn, tags, last_position from service_view;

-- ListServicesForAutoScalingConfiguration and the in-use check look services up by configuration.
create index service_view_by_auto_scaling on service_view ((configuration ->> 'autoScalingConfigurationArn'));
