-- One key per data subject, wrapped by the master key. Erasure sets wrapped_key to null (crypto-shredding);
-- the row remains as evidence of when the subject was erased.
create table personal_data_key (
    subject_id  varchar(128) primary key,
    wrapped_key bytea,
    created_at  timestamptz  not null default now(),
    shredded_at timestamptz
);
