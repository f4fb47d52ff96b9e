-- Source records of erased people (pseudonymous ids only), written by the identity index with the PersonErased
-- event. A source that sends an erased person again (a new visit) gets a new record, the erased one's successor,
-- instead of writing to the erased record, whose key is destroyed. Filled from the keys erased before this table.
create table mpi_erased_record (
    source_record_id varchar(255) primary key,
    erased_at        timestamptz  not null default now()
);
insert into mpi_erased_record(source_record_id, erased_at)
select subject_id, shredded_at from personal_data_key
 where wrapped_key is null and shredded_at is not null and subject_id like 'sr-%'
on conflict do nothing;

-- Keys and content hashes of raw messages an erasure deleted (no payload, no sender): a sender re-sending one of
-- them is answered as a duplicate, as before the erasure, and the erased person is not written back.
create table erased_message (
    message_key  varchar(80) primary key,
    content_hash varchar(64) not null,
    received_at  timestamptz not null,
    erased_at    timestamptz not null default now()
);
create index erased_message_content_hash on erased_message (content_hash);
-- Messages erased before this table existed: accepted (their MessageAccepted event is in the log), raw payload
-- gone (only an erasure deletes raw messages). Empty where the events live in Axon Server.
insert into erased_message(message_key, content_hash, received_at)
select accepted ->> 'messageKey', accepted ->> 'contentHash', (accepted ->> 'receivedAt')::timestamptz
  from (select convert_from(payload, 'UTF8')::jsonb as accepted from domain_event_entry
         where payload_type = 'org.hiehub.api.ingestion.MessageAccepted') e
 where accepted ->> 'messageKey' is not null and accepted ->> 'contentHash' is not null
   and accepted ->> 'receivedAt' is not null
   and not exists (select 1 from raw_message r where r.message_key = accepted ->> 'messageKey')
on conflict do nothing;
