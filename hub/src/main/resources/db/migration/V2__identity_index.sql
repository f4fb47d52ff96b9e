-- Installation-wide secrets (e.g. the HMAC key for pseudonymous ids and blocking keys).
create table hub_secret (
    name       varchar(64) primary key,
    material   bytea       not null,
    created_at timestamptz not null default now()
);

-- The command side's identity index: kept in the same transaction as the identity events, rebuildable from
-- them, holding no personal data in clear (blocking keys are keyed hashes).
create table mpi_source_record (
    source_record_id  varchar(64)  primary key,
    source_system     varchar(255) not null,
    master_patient_id varchar(64),
    link_confidence   integer,
    link_method       varchar(32),
    last_sequence     bigint       not null
);
create index mpi_source_record_patient on mpi_source_record (master_patient_id);

create table mpi_blocking_key (
    key_hash         varchar(64) not null,
    source_record_id varchar(64) not null,
    primary key (key_hash, source_record_id)
);
create index mpi_blocking_key_record on mpi_blocking_key (source_record_id);
