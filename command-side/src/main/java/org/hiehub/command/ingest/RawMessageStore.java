package org.hiehub.command.ingest;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.hiehub.api.identity.SourceRecordId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The bronze layer: every accepted message's raw bytes with sender, received time and content hash, written in
 * the same transaction as its events, so it can be re-parsed after a parser fix. It is also the idempotency
 * ledger: a message whose key or content hash is here was stored before. Mutable on purpose: an erasure deletes
 * a person's raw payloads, which the immutable event log could not do.
 */
@Component
public class RawMessageStore {

    private final JdbcTemplate jdbc;

    public RawMessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises ingestion of the same message key, and of the same bytes, within the current transaction: both
     * locks in one round trip, key first. The look-up that follows must be a statement of its own, whose snapshot
     * is taken after the locks are held.
     */
    public void lock(String messageKey, String contentHash) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 1)), "
                + "pg_advisory_xact_lock(hashtextextended(?, 1))", rs -> { }, messageKey, contentHash);
    }

    /** The key under which this message (same key, or same bytes) was stored before, if it was. */
    public Optional<String> storedAs(String messageKey, String contentHash) {
        // two index probes: as one "key = ? or hash = ?" filter PostgreSQL scanned the whole table whenever its
        // statistics were older than the table's growth (for most messages of a fresh hub's first thousands)
        List<String> keys = jdbc.queryForList("""
                select message_key from raw_message where message_key = ?
                union all
                select message_key from raw_message where content_hash = ?
                limit 1""", String.class, messageKey, contentHash);
        return keys.stream().findFirst();
    }

    public void store(String messageKey, InboundMessage message, ParsedMessage parsed, String contentHash,
                      List<SourceRecordId> subjects) {
        jdbc.update("""
                insert into raw_message(message_key, channel, peer, source_system, format, message_type, control_id,
                                        content_hash, received_at, size_bytes, payload)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                messageKey, message.channel(), message.peer(), parsed.sourceSystem(), message.format().name(),
                parsed.messageType(), parsed.controlId(), contentHash, Timestamp.from(message.receivedAt()),
                message.payload().length, message.payload());
        jdbc.batchUpdate("insert into raw_message_subject(message_key, source_record_id) values (?, ?) "
                        + "on conflict do nothing",
                subjects.stream().distinct().map(s -> new Object[] {messageKey, s.value()}).toList());
    }

    public Optional<byte[]> payload(String messageKey) {
        return jdbc.query("select payload from raw_message where message_key = ?",
                (rs, i) -> rs.getBytes(1), messageKey).stream().findFirst();
    }
}
