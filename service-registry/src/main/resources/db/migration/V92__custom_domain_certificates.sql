-- Custom domains' certificates from an ACME CA: why a domain failed, and its current certificate
-- (chain in PEM, key sealed as in the event) for the routers.
alter table custom_domain_view
    add column status_reason     text,
    add column certificate_names jsonb,
    add column certificate_chain text,
    add column sealed_key        text,
    add column issued_at         timestamptz,
    add column not_before        timestamptz,
    add column not_after         timestamptz;
create index custom_domain_by_name on custom_domain_view (domain_name);
