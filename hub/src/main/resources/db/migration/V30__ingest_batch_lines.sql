-- NDJSON bodies are now also ingested in the background ("Prefer: respond-async"), in parts of whole patients: each
-- part's outcome names the body's lines it held ("1-120, 305"). HL7 v2 batch results leave it empty.
alter table ingest_batch_result add column lines varchar(255);
