-- The ledger of erasures: who asked, on which basis, what was destroyed. Pseudonymous ids only; the PersonErased
-- event in the log is the proof, this table answers GET /api/privacy/erasures without scanning the log.
create table privacy_erasure (
    master_patient_id     varchar(64)  primary key,
    legal_basis           varchar(64)  not null,
    request_reference     varchar(128) not null,
    requested_by          varchar(255) not null,
    requested_at          timestamptz  not null,
    source_records        integer      not null,
    keys_destroyed        integer      not null,
    raw_messages_deleted  integer      not null,
    dead_letters_deleted  integer      not null
);
