-- A cache for the registration hot path: a keyed hash of the demographics each source record last sent, so an
-- unchanged re-send (every ORU repeats its PID) costs one lookup instead of loading the SourceRecord aggregate.
-- Disposable: when a row is missing the aggregate decides, as it always may.
create table registration_fingerprint (
    source_record_id varchar(64) primary key,
    fingerprint      varchar(64) not null
);
