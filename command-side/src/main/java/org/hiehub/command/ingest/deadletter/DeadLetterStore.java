package org.hiehub.command.ingest.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestionProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Refused messages with the exact reason, kept for the integration engineer to inspect and re-process. A payload
 * within its format's size limit is kept whole, however large (a bundle may have up to 64 MiB): re-processing it
 * must ingest all of it. Only input over the limit, refused for its size, keeps its first {@value #OVERSIZE_HEAD}
 * bytes, for a look at what it was; such a letter is re-processed only with a corrected payload.
 */
@Component
public class DeadLetterStore {

    static final int OVERSIZE_HEAD = 1 << 20;
    private final JdbcTemplate jdbc;
    private final IngestionProperties limits;

    public DeadLetterStore(JdbcTemplate jdbc, IngestionProperties limits) {
        this.jdbc = jdbc;
        this.limits = limits;
    }

    public String store(InboundMessage message, String sourceSystem, String messageType, String contentHash,
                        String reason, String location, int errorCode) {
        String id = UUID.randomUUID().toString();
        byte[] payload = message.payload();
        boolean truncated = payload.length > limits.limitFor(message.format()) && payload.length > OVERSIZE_HEAD;
        jdbc.update("""
                insert into dead_letter(id, received_at, channel, peer, format, source_system, message_type, reason,
                                        location, error_code, content_hash, size_bytes, truncated, payload, status)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN')""",
                id, Timestamp.from(message.receivedAt()), message.channel(), text(message.peer(), 255),
                message.format().name(), text(sourceSystem, 255), text(messageType, 64), text(reason, 4000),
                text(location, 255), errorCode, contentHash, payload.length, truncated,
                truncated ? Arrays.copyOf(payload, OVERSIZE_HEAD) : payload);
        return id;
    }

    /**
     * Header values and reasons come from the refused input itself: a NUL byte (which PostgreSQL text refuses) or
     * an overlong MSH-3 would make the dead letter itself fail, and the message would be lost instead of parked.
     * Control characters become spaces and values are cut to their column.
     */
    public static String text(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(Math.min(value.length(), max));
        value.codePoints().limit(max).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) && c != '\n'
                ? ' ' : c));
        return clean.length() > max ? clean.substring(0, max) : clean.toString();
    }

    public List<DeadLetter> list(String status, int limit, int offset) {
        return jdbc.query("select * from dead_letter where (cast(? as varchar) is null or status = ?) "
                + "order by received_at desc, id limit ? offset ?", this::map, status, status, limit, offset);
    }

    public long count(String status) {
        // The cast lets PostgreSQL type a null status parameter ("could not determine data type of parameter").
        Long n = jdbc.queryForObject(
                "select count(*) from dead_letter where (cast(? as varchar) is null or status = ?)",
                Long.class, status, status);
        return n == null ? 0 : n;
    }

    public Optional<DeadLetter> find(String id) {
        return jdbc.query("select * from dead_letter where id = ?", this::map, id).stream().findFirst();
    }

    public Optional<byte[]> payload(String id) {
        return jdbc.query("select payload from dead_letter where id = ?", (rs, i) -> rs.getBytes(1), id)
                .stream().findFirst();
    }

    /** The first {@code bytes} of the payload kept, and how many it has, without reading the rest. */
    public Optional<PayloadHead> payloadHead(String id, int bytes) {
        return jdbc.query("select substring(payload from 1 for ?), length(payload) from dead_letter where id = ?",
                (rs, i) -> new PayloadHead(rs.getBytes(1), rs.getLong(2)), bytes, id).stream().findFirst();
    }

    /** The start of a kept payload and its whole length in bytes. */
    public record PayloadHead(byte[] head, long length) {
    }

    /** {@code id}, still open, was re-processed and stored as {@code messageKey}. */
    public void resolve(String id, String messageKey) {
        jdbc.update("update dead_letter set status = 'REPROCESSED', resolved_at = now(), resolved_message_key = ? "
                + "where id = ? and status = 'OPEN'", messageKey, id);
    }

    /**
     * A re-processing of {@code id} failed again and was parked as {@code successor}, which carries on; false when
     * {@code id} was no longer open (a concurrent re-processing resolved or superseded it first).
     */
    public boolean supersede(String id, String successor) {
        return jdbc.update("update dead_letter set status = 'SUPERSEDED', resolved_at = now(), superseded_by = ? "
                + "where id = ? and status = 'OPEN'", successor, id) > 0;
    }

    private DeadLetter map(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getString("id"), instant(rs.getTimestamp("received_at")), rs.getString("channel"),
                rs.getString("peer"), rs.getString("format"), rs.getString("source_system"),
                rs.getString("message_type"), rs.getString("reason"), rs.getString("location"),
                rs.getInt("error_code"), rs.getString("content_hash"), rs.getLong("size_bytes"),
                rs.getBoolean("truncated"), rs.getString("status"), instant(rs.getTimestamp("resolved_at")),
                rs.getString("resolved_message_key"), rs.getString("superseded_by"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
