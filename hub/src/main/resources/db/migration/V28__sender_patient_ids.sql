-- The id a sender's FHIR server gives a patient (Patient.id), remembered per sender (X-Hub-Source) with the source
-- record it became, so that NDJSON files of a Bulk Data export sent one per resource type (Patient.ndjson, then
-- Observation.ndjson referring to "Patient/123") resolve to the patient sent earlier. Erased with the record.
create table sender_patient_id (
    source_system    varchar(255) not null,
    patient_id       varchar(255) not null,
    local_id         varchar(500) not null,
    source_record_id varchar(255) not null,
    primary key (source_system, patient_id)
);
create index sender_patient_id_record on sender_patient_id (source_record_id);
