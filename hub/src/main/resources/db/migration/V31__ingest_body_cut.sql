-- An NDJSON body ingested in the background is cut into parts, each stored as a message of its own with its own
-- content hash, so the body's own hash is in no raw_message row. This remembers it (and, unlike the batch, which is
-- forgotten some days after it finished, for good): the same body sent alone later is answered as received before
-- instead of recording its facts a second time. No personal data: a hash, a batch id and a count.
create table ingest_body_cut (
    content_hash varchar(64) primary key,
    batch_id     varchar(36) not null,
    parts        integer     not null,
    cut_at       timestamptz not null default now()
);
