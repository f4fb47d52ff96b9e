-- Steward decisions the command side must honour at once: pairs never to propose again, retired master patients.
create table mpi_rejected_pair (
    source_record_id  varchar(64) not null,
    master_patient_id varchar(64) not null,
    primary key (source_record_id, master_patient_id)
);

create table mpi_patient_merge (
    retired_id  varchar(64) primary key,
    survivor_id varchar(64) not null
);
