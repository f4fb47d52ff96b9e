-- Axon's JDBC dead-letter queue for event processors: events a projection could not handle, parked per
-- processing group and sequence (aggregate) with their error, until retried. Axon's generic table with
-- snake_case names (see DeadLetterQueues.SCHEMA) and BYTEA for serialized data.
create table dead_letter_entry (
    dead_letter_id       varchar(255)  not null,
    processing_group     varchar(255)  not null,
    sequence_identifier  varchar(255)  not null,
    sequence_index       bigint        not null,
    message_type         varchar(255)  not null,
    event_identifier     varchar(255)  not null,
    time_stamp           varchar(255)  not null,
    payload_type         varchar(255)  not null,
    payload_revision     varchar(255),
    payload              bytea         not null,
    meta_data            bytea,
    type                 varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          varchar(255)  not null,
    last_touched         varchar(255),
    processing_started   varchar(255),
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    primary key (dead_letter_id),
    unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group on dead_letter_entry (processing_group);
create index dead_letter_entry_sequence on dead_letter_entry (processing_group, sequence_identifier);
