-- A re-processing that fails again parks the payload it tried as a new dead letter; the one it started from is
-- then SUPERSEDED and names its successor, so each unresolved problem is one OPEN letter, with its latest reason.
alter table dead_letter add column superseded_by varchar(36);
