package org.hiehub.replay.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.hiehub.replay.eventlog.EventLog;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Writes the event log as NDJSON for archives: one event per line with its global position, timestamp, stream,
 * type, revision, metadata and payload in their serialized form — personal data stays encrypted, so an archive is
 * no more sensitive than the database, and a destroyed key erases the person from old archives too. Payloads are
 * never deserialized: the event serializer hands back the stored JSON (after upcasting, so an event stored at an
 * older revision appears in today's shape, with that revision).
 */
@Service
public class EventLogExporter {

    private static final int PROGRESS_EVERY = 5_000;
    private static final JsonFactory JSON = new JsonFactory();
    private final EventLog log;
    private final Serializer eventSerializer;

    public EventLogExporter(EventLog log, @Qualifier("eventSerializer") Serializer eventSerializer) {
        this.log = log;
        this.eventSerializer = eventSerializer;
    }

    /** Exports every event after {@code since} (null: all) up to today's head into {@code out}. */
    public ExportResult export(TrackingToken since, OutputStream out, ExportProgress progress) {
        long head = log.headPosition();
        long[] counts = {0, -1, -1};
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setRootValueSeparator(null);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the caller owns the stream
            log.scan(since, event -> {
                write(json, event);
                long position = EventLog.position(event).orElse(-1);
                counts[0]++;
                counts[1] = counts[1] < 0 ? position : counts[1];
                counts[2] = position;
                if (counts[0] % PROGRESS_EVERY == 0) {
                    progress.update(counts[0], position, head, false);
                }
                return true;
            });
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
        progress.update(counts[0], counts[2], head, true);
        return new ExportResult(counts[0], counts[1], counts[2]);
    }

    private void write(JsonGenerator json, TrackedEventMessage<?> event) {
        try {
            SerializedObject<String> payload = event.serializePayload(eventSerializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(eventSerializer, String.class);
            json.writeStartObject();
            json.writeNumberField("position", EventLog.position(event).orElse(-1));
            json.writeStringField("timestamp", event.getTimestamp().toString());
            json.writeStringField("eventId", event.getIdentifier());
            if (event instanceof DomainEventMessage<?> domain) {
                json.writeStringField("aggregateType", domain.getType());
                json.writeStringField("aggregateId", domain.getAggregateIdentifier());
                json.writeNumberField("sequenceNumber", domain.getSequenceNumber());
            }
            json.writeStringField("type", payload.getType().getName());
            json.writeStringField("revision", payload.getType().getRevision());
            json.writeFieldName("metaData");
            json.writeRawValue(metaData.getData());
            json.writeFieldName("payload");
            json.writeRawValue(payload.getData());
            json.writeEndObject();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the export", e);
        }
    }
}
