-- Which live processes run each event processor, so that several projection processes can split a processor's
-- segments fairly (operations/segments/SegmentBalancer). The token store alone cannot say it: a process that
-- has claimed nothing yet has no row in token_entry, so the one holding every segment would never learn of it.
-- Heartbeats use the database's clock, so the processes' clocks need not agree.
create table processor_member (
    processor_name varchar(255) not null,
    member         varchar(255) not null,
    heartbeat      timestamptz  not null,
    primary key (processor_name, member)
);
