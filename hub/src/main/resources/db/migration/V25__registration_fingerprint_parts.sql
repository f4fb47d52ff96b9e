-- The registration cache now keeps a keyed hash per part of the demographics (each name, identifier, address…)
-- beside the hash of the whole, so a result message whose PID states nothing new writes no demographics update.
alter table registration_fingerprint alter column fingerprint type text;
