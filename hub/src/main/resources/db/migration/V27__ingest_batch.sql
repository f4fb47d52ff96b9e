-- HL7 v2 batch files taken over HTTP with "Prefer: respond-async": the file is stored here before the hub answers
-- 202, then a worker ingests its messages one by one, recording each message's outcome and its own progress, so a
-- restart resumes where it stopped. The payload is cleared once every message is stored or dead-lettered (each
-- then lives on in raw_message or dead_letter).
create table ingest_batch (
    id             varchar(36) primary key,
    format         varchar(16)  not null,
    channel        varchar(32)  not null,
    peer           varchar(255),
    submitted_by   varchar(255),
    received_at    timestamptz  not null,
    size_bytes     bigint       not null,
    messages       integer      not null,
    payload        bytea,
    status         varchar(16)  not null,
    next_index     integer      not null default 0,
    accepted       integer      not null default 0,
    duplicates     integer      not null default 0,
    rejected       integer      not null default 0,
    owner          varchar(64),
    heartbeat_at   timestamptz,
    started_at     timestamptz,
    finished_at    timestamptz
);
create index ingest_batch_unfinished on ingest_batch (received_at, id) where status <> 'DONE';

create table ingest_batch_result (
    batch_id       varchar(36)  not null references ingest_batch (id) on delete cascade,
    message_index  integer      not null,
    control_id     varchar(255),
    ack            varchar(2)   not null,
    status         varchar(16)  not null,
    error_code     integer,
    location       varchar(255),
    error          varchar(4000),
    message_key    varchar(255),
    dead_letter_id varchar(36),
    facts          integer      not null,
    primary key (batch_id, message_index)
);
