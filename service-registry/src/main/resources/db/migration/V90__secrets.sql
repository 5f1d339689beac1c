-- SSM parameters and Secrets Manager secrets (issue 20): read models, rebuilt from the events.
-- Values are kept only as the ciphertext the events carry (AES-256-GCM under the credentials key).
create table ssm_parameter_versions (
    name               text        not null,
    version            bigint      not null,
    parameter_arn      text        not null,
    type               text        not null,
    description        text,
    allowed_pattern    text,
    data_type          text        not null,
    key_id             text,
    value_ciphertext   text        not null,
    last_modified_at   timestamptz not null,
    last_modified_user text,
    primary key (name, version)
);

-- the newest version of each live parameter, for lookups, paths and DescribeParameters
create table ssm_parameters (
    name          text primary key,
    parameter_arn text   not null,
    version       bigint not null,
    tags          jsonb  not null,
    last_position bigint not null
);

create table sm_secrets (
    secret_arn      text primary key,
    name            text        not null,
    description     text,
    key_id          text,
    tags            jsonb       not null,
    created_at      timestamptz not null,
    last_changed_at timestamptz not null,
    deletion_date   timestamptz,
    deleted         boolean     not null,
    last_position   bigint      not null
);
create unique index sm_secrets_live_name on sm_secrets (name) where not deleted;

create table sm_secret_versions (
    secret_arn       text        not null,
    version_id       text        not null,
    value_ciphertext text        not null,
    is_binary        boolean     not null,
    stages           jsonb       not null,
    created_at       timestamptz not null,
    primary key (secret_arn, version_id)
);
