-- Bronze layer: raw payloads of accepted messages, and the idempotency ledger (same key or same bytes).
create table raw_message (
    message_key  varchar(80)  primary key,
    channel      varchar(32)  not null,
    peer         varchar(255),
    source_system varchar(255),
    format       varchar(32)  not null,
    message_type varchar(64),
    control_id   varchar(255),
    content_hash varchar(64)  not null,
    received_at  timestamptz  not null,
    size_bytes   bigint       not null,
    payload      bytea        not null
);
create index raw_message_content_hash on raw_message (content_hash);

-- Whose data a raw message holds, so an erasure can delete it.
create table raw_message_subject (
    message_key      varchar(80) not null,
    source_record_id varchar(64) not null,
    primary key (message_key, source_record_id)
);
create index raw_message_subject_record on raw_message_subject (source_record_id);

-- Refused messages with the exact reason, for inspection and re-processing.
create table dead_letter (
    id                   varchar(36)  primary key,
    received_at          timestamptz  not null,
    channel              varchar(32)  not null,
    peer                 varchar(255),
    format               varchar(32)  not null,
    source_system        varchar(255),
    message_type         varchar(64),
    reason               text         not null,
    location             varchar(255),
    error_code           integer      not null,
    content_hash         varchar(64)  not null,
    size_bytes           bigint       not null,
    truncated            boolean      not null,
    payload              bytea        not null,
    status               varchar(16)  not null,
    resolved_at          timestamptz,
    resolved_message_key varchar(80)
);
create index dead_letter_received on dead_letter (received_at desc);
