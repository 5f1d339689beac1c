-- Active access keys: a projection of AccessKeyCreated / AccessKeyDeleted (stream: the account ARN)
-- that also holds each key's secret, AES-GCM encrypted with the registry's key file. The secret is
-- never in an event, so this table cannot be rebuilt from the log: a projection rebuild leaves it
-- alone, and deleting a key deletes its row (the secret is gone for good).
create table access_keys (
    access_key_id     text primary key,
    user_name         text        not null,
    created_at        timestamptz not null,
    secret_ciphertext bytea       not null,
    last_position     bigint      not null
);
