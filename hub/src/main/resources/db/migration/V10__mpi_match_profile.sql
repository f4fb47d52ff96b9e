-- Probabilistic matching compares values, not hashes: each source record's normalised match profile (names,
-- birth date, address, identifiers as the engine compares them). Personal data, like the demographics it is
-- derived from; rebuilt from the identity events with the rest of the index.
alter table mpi_source_record add column match_profile jsonb;
