-- Tamper evidence for the event log (replay verify): one row per stored event, in the order the event-chain
-- processor saw them. hash = SHA-256(previous hash || global index || event id || type || revision || payload ||
-- metadata), over the bytes as stored in domain_event_entry. A changed, removed or reordered event breaks the
-- chain from that row on.
create table event_hash_chain (
    chain_seq        bigint       not null primary key,
    global_index     bigint       not null unique,
    event_identifier varchar(255) not null unique,
    hash             bytea        not null,
    chained_at       timestamptz  not null default now()
);
