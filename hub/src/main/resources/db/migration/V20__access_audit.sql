-- The access audit: one row per read of patient data (who, roles, which patients, what came back, why, outcome).
-- Append-only (updates and deletes are refused by trigger) and tamper-evident: each row's hash covers the
-- previous row's hash and its own content, so an edit anywhere breaks the chain from that row on.
create table access_audit (
    seq                 bigserial     primary key,
    at                  timestamptz   not null,
    actor               varchar(255)  not null,
    roles               varchar(255)  not null,
    organization        varchar(255),
    purpose             varchar(32),
    action              varchar(1100) not null,
    patients            text          not null,
    outcome             varchar(32)   not null,
    http_status         int           not null,
    returned            text          not null,
    emergency_access_id varchar(64),
    prev_hash           char(64)      not null,
    hash                char(64)      not null
);
create index access_audit_at on access_audit (at);

create function access_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'access_audit is append-only';
end $$;
create trigger access_audit_no_change before update or delete on access_audit
    for each row execute function access_audit_append_only();
create trigger access_audit_no_truncate before truncate on access_audit
    for each statement execute function access_audit_append_only();
