-- Connections to Git hosts (issue 5): the read model, and the encrypted credentials kept beside the log.
create table connection_view (
    connection_arn  text primary key,
    connection_name text        not null,
    provider_type   text        not null,
    status          text        not null,
    tags            jsonb       not null,
    created_at      timestamptz not null,
    last_position   bigint      not null
);
create unique index connection_view_live_name on connection_view (connection_name) where status <> 'DELETED';

-- AES-256-GCM under the credentials key file (nonce || ciphertext+tag), like access_keys
create table connection_secrets (
    connection_arn            text primary key,
    token_ciphertext          bytea not null,
    webhook_secret_ciphertext bytea not null
);
