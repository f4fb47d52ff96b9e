package org.hiehub.hub.values;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.hiehub.api.clinical.ObservationRecorded;
import org.hiehub.query.access.AccessDecision;
import org.hiehub.query.access.AccessRecord;
import org.hiehub.query.access.PatientAccess;
import org.hiehub.query.clinical.ClinicalSection;
import org.hiehub.query.patient.PatientSummaries;
import org.hiehub.query.timeline.TimelineQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A result's value whole, as the source sent it. The views keep only the first characters of a long value (a
 * report, a PDF sent as an HL7 ED result: see {@code ViewText}); a clinician who needs the rest reads it here,
 * from the event log, under the same consent and audit as every read of the patient:
 * {@code GET /api/patients/{id}/timeline/value?factId=} (JSON: the value as text) and, for an encapsulated
 * document sent in Base64, {@code GET /api/patients/{id}/timeline/document?factId=} (the document itself, with its
 * media type). The fact id is a parameter: it holds a slash, which no path segment may.
 */
@RestController
@ConditionalOnExpression("'${hub.roles:command,projections,query}'.contains('query')")
public class FactValueController {

    private static final Set<String> INLINE = Set.of("application/pdf", "image/png", "image/jpeg",
            "image/gif", "text/plain");
    private final PatientSummaries summaries;
    private final TimelineQuery timeline;
    private final PatientAccess access;
    private final ObjectProvider<EventStore> events;

    public FactValueController(PatientSummaries summaries, TimelineQuery timeline, PatientAccess access,
                               ObjectProvider<EventStore> events) {
        this.summaries = summaries;
        this.timeline = timeline;
        this.access = access;
        this.events = events;
    }

    /** The value of a result as sent: {@code value} (text, or the coded result's words), {@code valueAsSent}. */
    public record FactValue(String factId, String valueType, String value, String valueAsSent, String unitAsSent,
                            int length) {
    }

    @GetMapping("/api/patients/{id}/timeline/value")
    public FactValue value(@PathVariable String id, @RequestParam String factId) {
        ObservationRecorded result = result(id, factId);
        String value = result.valueText();
        String asSent = result.quantity() == null ? null : result.quantity().valueAsSent();
        AccessRecord.current().returned("ResultValue", 1);
        return new FactValue(factId, result.valueType(), value, asSent,
                result.quantity() == null ? null : result.quantity().unitAsSent(),
                value != null ? value.length() : asSent != null ? asSent.length() : 0);
    }

    @GetMapping("/api/patients/{id}/timeline/document")
    public ResponseEntity<byte[]> content(@PathVariable String id, @RequestParam String factId) {
        ObservationRecorded result = result(id, factId);
        EncapsulatedData data = EncapsulatedData.of(result.valueType(), result.valueText())
                .orElseThrow(() -> new NoDocument(factId));
        AccessRecord.current().returned("ResultDocument", 1);
        // the media type is the sender's word: only types a browser shows without running anything open inline
        boolean inline = INLINE.contains(data.mediaType().getType() + "/" + data.mediaType().getSubtype());
        ContentDisposition disposition = (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(factId.replaceAll("[^A-Za-z0-9-]", "_") + data.extension()).build();
        return ResponseEntity.ok().contentType(inline ? data.mediaType() : MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", disposition.toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'; img-src 'self'; object-src 'self'")
                .body(data.bytes());
    }

    /** The result event behind a timeline entry the caller may see, or 404 (whether absent or not theirs). */
    private ObservationRecorded result(String id, String factId) {
        Document summary = summaries.living(id).orElseThrow(() -> new UnknownFact(null));
        AccessDecision decision = access.require(summary.getString("masterPatientId"));
        List<String> records = ClinicalSection.sourceRecordIds(summary);
        Document entry = timeline.entry(factId)
                .filter(e -> "observation".equals(e.getString("type")))
                .filter(e -> records.contains(e.getString("sourceRecordId")))
                .filter(decision::visible)
                .orElseThrow(() -> new UnknownFact(factId));
        EventStore store = events.getIfAvailable();
        if (store == null) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                    "this process has no event store to read the value from; ask a process with the command role");
        }
        // a fact is the message's n-th ({@code <message key>/<n>}), stored in that message's own short stream
        String messageKey = factId.substring(0, Math.max(0, factId.lastIndexOf('/')));
        String record = entry.getString("sourceRecordId");
        return store.readEvents(messageKey).asStream()
                .map(message -> message.getPayload())
                .filter(payload -> payload instanceof ObservationRecorded o && factId.equals(o.factId())
                        && record.equals(o.sourceRecordId().value()))
                .map(ObservationRecorded.class::cast)
                .findFirst()
                .orElseThrow(() -> new UnknownFact(factId));
    }

    /**
     * An HL7 v2 ED value ({@code source^type^subtype^encoding^data}), decoded. Only Base64: the other HL7
     * encodings (hex, A = ASCII) are rare and stay readable as text.
     */
    record EncapsulatedData(MediaType mediaType, byte[] bytes) {

        static Optional<EncapsulatedData> of(String valueType, String value) {
            if (!"ED".equals(valueType) || value == null) {
                return Optional.empty();
            }
            String[] parts = value.split("\\^", 5);
            if (parts.length < 5 || !"base64".equalsIgnoreCase(parts[3].strip())) {
                return Optional.empty();
            }
            try {
                MediaType type = parts[1].isBlank() ? MediaType.APPLICATION_OCTET_STREAM
                        : new MediaType(parts[1].strip().toLowerCase(Locale.ROOT),
                                parts[2].isBlank() ? "octet-stream" : parts[2].strip().toLowerCase(Locale.ROOT));
                return Optional.of(new EncapsulatedData(type, Base64.getMimeDecoder().decode(parts[4])));
            } catch (IllegalArgumentException e) {
                return Optional.empty(); // not Base64 after all, or no media type: the text answer stands
            }
        }

        String extension() {
            return switch (mediaType.getSubtype()) {
                case "pdf" -> ".pdf";
                case "png" -> ".png";
                case "jpeg" -> ".jpg";
                case "gif" -> ".gif";
                case "plain" -> ".txt";
                default -> ".bin";
            };
        }
    }

    @ExceptionHandler({UnknownFact.class, NoDocument.class})
    ProblemDetail notFound(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    static final class UnknownFact extends RuntimeException {
        UnknownFact(String factId) {
            super(factId == null ? "no such patient" : "no result " + factId + " for this patient");
        }
    }

    static final class NoDocument extends RuntimeException {
        NoDocument(String factId) {
            super("result " + factId + " holds no encapsulated document in Base64; read its value instead");
        }
    }
}
