package org.hiehub.command.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.stream.IntStream;
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

    /**
     * The message stored before under this key, or with these bytes, if there is one. A message stored under the
     * key with other bytes is either the same message sent again with a new timestamp or a different message that
     * reuses the control id: see {@link MessageParser#sameMessage}. A message whose payload an erasure deleted is
     * found by its key and hash ({@code erased_message}), with no bytes left to compare.
     */
    public Optional<StoredMessage> storedAs(String messageKey, String contentHash) {
        // index probes: as one "key = ? or hash = ?" filter PostgreSQL scanned the whole table whenever its
        // statistics were older than the table's growth (for most messages of a fresh hub's first thousands)
        List<StoredMessage> found = jdbc.query("""
                select message_key, content_hash, received_at, false from raw_message where message_key = ?
                union all
                select message_key, content_hash, received_at, false from raw_message where content_hash = ?
                union all
                select message_key, content_hash, received_at, true from erased_message where message_key = ?
                union all
                select message_key, content_hash, received_at, true from erased_message where content_hash = ?
                limit 1""", (rs, i) -> new StoredMessage(rs.getString(1), rs.getString(2),
                rs.getTimestamp(3).toInstant(), rs.getBoolean(4)), messageKey, contentHash, messageKey, contentHash);
        return found.stream().findFirst();
    }

    /** Whether a message with these bytes was stored (its payload may have been erased since). */
    public boolean holds(String contentHash) {
        return !jdbc.queryForList("""
                select 1 from raw_message where content_hash = ?
                union all
                select 1 from erased_message where content_hash = ?
                limit 1""", Integer.class, contentHash, contentHash).isEmpty();
    }

    /**
     * Serialises the decision how a background batch's body is ingested with the ingestion of a message with the
     * same bytes (the second of {@link #lock}'s locks), within the current transaction.
     */
    public void lockContent(String contentHash) {
        jdbc.query("select pg_advisory_xact_lock(hashtextextended(?, 1))", rs -> { }, contentHash);
    }

    /**
     * Remembers that the body with these bytes is ingested as {@code parts} messages of batch {@code batchId}, none
     * of them the body itself, and which of the body's lines each holds ({@code partLines}, or null if unknown).
     * The first batch to cut a body is the one remembered.
     */
    public void rememberCut(String contentHash, String batchId, int parts, List<int[]> partLines) {
        jdbc.update("insert into ingest_body_cut(content_hash, batch_id, parts, part_lines) values (?, ?, ?, ?) "
                + "on conflict (content_hash) do nothing", contentHash, batchId, parts,
                partLines == null ? null : BodyCut.encode(partLines));
    }

    /** The batch that ingested a body with these bytes in parts, if one did: the body was received. */
    public Optional<BodyCut> cutBefore(String contentHash) {
        return jdbc.query("select batch_id, parts, cut_at, part_lines from ingest_body_cut where content_hash = ?",
                (rs, i) -> new BodyCut(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        BodyCut.decode(rs.getString(4))), contentHash).stream().findFirst();
    }

    /**
     * A body ingested in the background as {@code parts} messages of its own (see {@link #rememberCut}):
     * {@code partLines} the body's line numbers of each part, or null for a body cut before they were kept.
     */
    public record BodyCut(String batchId, int parts, Instant cutAt, List<int[]> partLines) {

        /** "1-41,83;42-82": parts by ';', runs of consecutive lines as ranges. */
        static String encode(List<int[]> partLines) {
            StringJoiner parts = new StringJoiner(";");
            for (int[] lines : partLines) {
                StringJoiner runs = new StringJoiner(",");
                for (int i = 0; i < lines.length; i++) {
                    int from = lines[i];
                    while (i + 1 < lines.length && lines[i + 1] == lines[i] + 1) {
                        i++;
                    }
                    runs.add(lines[i] == from ? String.valueOf(from) : from + "-" + lines[i]);
                }
                parts.add(runs.toString());
            }
            return parts.toString();
        }

        static List<int[]> decode(String encoded) {
            if (encoded == null) {
                return null;
            }
            List<int[]> parts = new ArrayList<>();
            for (String part : encoded.split(";", -1)) {
                IntStream.Builder lines = IntStream.builder();
                for (String run : part.isEmpty() ? new String[0] : part.split(",")) {
                    int dash = run.indexOf('-');
                    int from = Integer.parseInt(dash < 0 ? run : run.substring(0, dash));
                    int to = dash < 0 ? from : Integer.parseInt(run.substring(dash + 1));
                    IntStream.rangeClosed(from, to).forEach(lines::add);
                }
                parts.add(lines.build().toArray());
            }
            return parts;
        }
    }

    /**
     * A message in the bronze layer: its key, the hash of its bytes, when it arrived, and whether an erasure has
     * deleted its payload since.
     */
    public record StoredMessage(String messageKey, String contentHash, Instant receivedAt, boolean erased) {
    }

    /** The message and the records it is about, in one statement (one round trip on every message's path). */
    public void store(String messageKey, InboundMessage message, ParsedMessage parsed, String contentHash,
                      List<SourceRecordId> subjects) {
        jdbc.update("""
                with stored as (
                    insert into raw_message(message_key, channel, peer, source_system, format, message_type,
                                            control_id, content_hash, received_at, size_bytes, payload)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    returning message_key)
                insert into raw_message_subject(message_key, source_record_id)
                select stored.message_key, subject from stored, unnest(cast(? as text[])) as subject
                on conflict do nothing""",
                messageKey, message.channel(), message.peer(), parsed.sourceSystem(), message.format().name(),
                parsed.messageType(), parsed.controlId(), contentHash, Timestamp.from(message.receivedAt()),
                message.payload().length, message.payload(),
                subjects.stream().map(SourceRecordId::value).distinct().toArray(String[]::new));
    }

    public Optional<byte[]> payload(String messageKey) {
        return jdbc.query("select payload from raw_message where message_key = ?",
                (rs, i) -> rs.getBytes(1), messageKey).stream().findFirst();
    }
}
