package org.hiehub.command.ingest.batch;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.deadletter.DeadLetterStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bodies ingested in the background (table {@code ingest_batch}) — HL7 v2 batch files and FHIR NDJSON bodies sent
 * with {@code Prefer: respond-async}: stored whole before the sender is answered, claimed by one process at a time,
 * and advanced one message at a time together with that message's outcome ({@code ingest_batch_result}), so a batch
 * resumes after a restart where it stopped. A claim lapses when its process stops renewing it; another process (or
 * the same one, restarted) then takes the batch over.
 */
@Component
public class IngestBatches {

    /**
     * Where a batch stands. {@code processed} messages have an outcome; the rest wait. {@code messages} is 0 until
     * a batch whose parts are found only when it is worked on (NDJSON) has been planned.
     */
    public record Job(String id, String format, String status, int messages, int processed, int accepted,
                      int duplicates, int rejected, String submittedBy, long sizeBytes, Instant receivedAt,
                      Instant startedAt, Instant finishedAt) {

        public boolean done() {
            return DONE.equals(status);
        }
    }

    /** A batch claimed for processing: its payload, and the first message without an outcome. */
    record Claimed(String id, MessageFormat format, byte[] payload, String channel, String peer, Instant receivedAt,
                   int messages, int nextIndex) {
    }

    static final String QUEUED = "QUEUED";
    static final String DONE = "DONE";
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public IngestBatches(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Stores the batch as received; once this returns, the batch is durable and will be processed. {@code messages}:
     * how many it holds, or 0 when that is known only once it is planned ({@link #plan}).
     */
    public Job submit(MessageFormat format, byte[] payload, int messages, String peer, String submittedBy,
                      Instant received) {
        String id = UUID.randomUUID().toString();
        jdbc.update("""
                insert into ingest_batch(id, format, channel, peer, submitted_by, received_at, size_bytes, messages,
                                         payload, status)
                values (?, ?, 'batch', ?, ?, ?, ?, ?, ?, ?)""",
                id, format.name(), DeadLetterStore.text(peer, 255), DeadLetterStore.text(submittedBy, 255),
                Timestamp.from(received), payload.length, messages, payload, QUEUED);
        return new Job(id, format.name(), QUEUED, messages, 0, 0, 0, 0, submittedBy, payload.length, received, null,
                null);
    }

    /** How many messages a claimed batch turned out to hold, for its progress. */
    void plan(String id, String owner, int messages) {
        jdbc.update("update ingest_batch set messages = ? where id = ? and owner = ?", messages, id, owner);
    }

    /**
     * Claims the oldest unfinished batch that no live process holds: never claimed, released, or whose holder has
     * not renewed its claim for {@code lapse}. Several processes may call this at once; each batch goes to one.
     */
    Optional<Claimed> claim(String owner, Duration lapse) {
        List<String> ids = jdbc.queryForList("""
                update ingest_batch set owner = ?, heartbeat_at = now(), status = 'RUNNING',
                       started_at = coalesce(started_at, now())
                where id = (select id from ingest_batch
                            where status <> 'DONE'
                              and (owner is null or owner = ? or heartbeat_at < now() - make_interval(secs => ?))
                            order by received_at, id limit 1 for update skip locked)
                returning id""", String.class, owner, owner, lapse.toMillis() / 1000.0);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.query("""
                select id, format, payload, channel, peer, received_at, messages, next_index from ingest_batch
                where id = ?""", (rs, i) -> new Claimed(rs.getString("id"),
                        MessageFormat.valueOf(rs.getString("format")), rs.getBytes("payload"), rs.getString("channel"),
                        rs.getString("peer"), rs.getTimestamp("received_at").toInstant(), rs.getInt("messages"),
                        rs.getInt("next_index")),
                ids.get(0)).stream().findFirst();
    }

    /**
     * Records one message's outcome and moves the batch past it, renewing the claim, in one transaction.
     * False when the claim was lost (another process took the batch over): the caller stops.
     */
    boolean record(String id, String owner, BatchResult result) {
        Boolean kept = transactions.execute(status -> {
            int moved = jdbc.update("""
                    update ingest_batch set next_index = ? + 1, heartbeat_at = now(),
                           accepted = accepted + ?, duplicates = duplicates + ?, rejected = rejected + ?
                    where id = ? and owner = ? and next_index = ?""",
                    result.index(), "ACCEPTED".equals(result.status()) ? 1 : 0,
                    "DUPLICATE".equals(result.status()) ? 1 : 0, "AA".equals(result.ack()) ? 0 : 1,
                    id, owner, result.index());
            if (moved == 0) {
                return false;
            }
            jdbc.update("""
                    insert into ingest_batch_result(batch_id, message_index, control_id, lines, ack, status,
                                                    error_code, location, error, message_key, dead_letter_id, facts)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    id, result.index(), DeadLetterStore.text(result.controlId(), 255),
                    DeadLetterStore.text(result.lines(), 255), result.ack(), result.status(),
                    result.errorCode(), DeadLetterStore.text(result.location(), 255),
                    DeadLetterStore.text(result.error(), 4000), result.messageKey(), result.deadLetterId(),
                    result.facts());
            return true;
        });
        return Boolean.TRUE.equals(kept);
    }

    /** Every message has its outcome: the batch is done and its payload, now kept message by message, dropped. */
    void finish(String id, String owner) {
        jdbc.update("""
                update ingest_batch set status = 'DONE', finished_at = now(), payload = null, owner = null
                where id = ? and owner = ?""", id, owner);
    }

    /** Forgets batches finished before {@code before}, with their outcomes; answers how many. */
    public int forgetFinishedBefore(Instant before) {
        return jdbc.update("delete from ingest_batch where status = 'DONE' and finished_at < ?",
                Timestamp.from(before));
    }

    /** Gives up the claims of a process that stops, so a restarted one need not wait for them to lapse. */
    void release(String owner) {
        jdbc.update("update ingest_batch set owner = null where owner = ? and status <> 'DONE'", owner);
    }

    /** Unfinished batches and the messages they still hold, or NaN each when the database cannot be read. */
    double[] backlog() {
        try {
            return jdbc.queryForObject("""
                    select count(*), coalesce(sum(messages - next_index), 0) from ingest_batch
                    where status <> 'DONE'""", (rs, i) -> new double[] {rs.getLong(1), rs.getLong(2)});
        } catch (RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    public Optional<Job> find(String id) {
        return jdbc.query("select * from ingest_batch where id = ?", this::job, id).stream().findFirst();
    }

    /** The newest batches first; of one format, or of all when {@code format} is null. */
    public List<Job> list(MessageFormat format, int limit) {
        if (format == null) {
            return jdbc.query("select * from ingest_batch order by received_at desc, id limit ?", this::job, limit);
        }
        return jdbc.query("select * from ingest_batch where format = ? order by received_at desc, id limit ?",
                this::job, format.name(), limit);
    }

    /** Outcomes from message {@code from} on, in the batch's order. */
    public List<BatchResult> results(String id, int from, int limit) {
        return jdbc.query("""
                select * from ingest_batch_result where batch_id = ? and message_index >= ?
                order by message_index limit ?""", (rs, i) -> new BatchResult(rs.getInt("message_index"),
                        rs.getString("control_id"), rs.getString("lines"), rs.getString("ack"), rs.getString("status"),
                        (Integer) rs.getObject("error_code"), rs.getString("location"), rs.getString("error"),
                        rs.getString("message_key"), rs.getString("dead_letter_id"), rs.getInt("facts")),
                id, from, limit);
    }

    private Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("format"), rs.getString("status"), rs.getInt("messages"),
                rs.getInt("next_index"), rs.getInt("accepted"), rs.getInt("duplicates"), rs.getInt("rejected"),
                rs.getString("submitted_by"), rs.getLong("size_bytes"), instant(rs, "received_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
