package org.hiehub.hub.privacy.erasure;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.hiehub.api.identity.SourceRecordRegistered;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which dead letters hold a person's data. A dead letter was refused before any record was registered from it,
 * so it names no data subject; it is the person's when it was re-processed into one of their messages, or when
 * its payload carries one of their records' local ids (MRNs) together with that record's source system. Short
 * local ids would match unrelated payloads by chance, so ids under four characters are not searched for.
 */
public class DeadLetterAttribution {

    private static final int MIN_LOCAL_ID = 4;
    private final JdbcTemplate jdbc;
    private final EventStore events;

    public DeadLetterAttribution(JdbcTemplate jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Reads the records' source systems and local ids from their registrations (before their keys go). */
    Attribution attribute(List<String> sourceRecordIds) {
        List<SourceAndLocalId> ids = new ArrayList<>();
        for (String record : sourceRecordIds) {
            events.readEvents(record).asStream().map(m -> m.getPayload())
                    .filter(SourceRecordRegistered.class::isInstance).map(SourceRecordRegistered.class::cast)
                    .findFirst()
                    .filter(r -> r.localId() != null && r.localId().length() >= MIN_LOCAL_ID)
                    .ifPresent(r -> ids.add(new SourceAndLocalId(r.sourceSystem(), r.localId())));
        }
        return new Attribution(ids);
    }

    int delete(Attribution attribution, List<String> messageKeys) {
        int deleted = jdbc.update("delete from dead_letter where resolved_message_key = any(?)",
                (Object) messageKeys.toArray(String[]::new));
        for (SourceAndLocalId id : attribution.ids()) {
            deleted += jdbc.update("""
                    delete from dead_letter
                     where position(? in payload) > 0
                       and (source_system = ? or position(? in payload) > 0)""",
                    bytes(id.localId()), id.sourceSystem(), bytes(id.sourceSystem()));
        }
        return deleted;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    record SourceAndLocalId(String sourceSystem, String localId) {
    }

    /** Held in memory for the one erasure transaction only. */
    record Attribution(List<SourceAndLocalId> ids) {
    }
}
