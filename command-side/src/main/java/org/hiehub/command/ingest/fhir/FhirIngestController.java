package org.hiehub.command.ingest.fhir;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.identity.index.IdentityIndex;
import org.hiehub.command.identity.registration.EventPositions;
import org.hiehub.command.identity.registration.PatientRegistration;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.RejectedInput;
import org.hiehub.command.ingest.batch.BatchController;
import org.hiehub.command.ingest.batch.BatchWorker;
import org.hiehub.command.ingest.batch.IngestBatches;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * FHIR R4 ingestion over HTTP: {@code POST /fhir} (a transaction, batch or collection Bundle; the system-level
 * endpoint of the FHIR spec, leaving the rest of /fhir to the read facade) and {@code POST /ingest/fhir-ndjson}.
 * Each answers only after the message's transaction has committed, with the event-log position to wait for
 * ({@code X-Hub-Position}) and the message key. Refusals come back as OperationOutcomes: 400 for what cannot be
 * read or resolved, 413 over the size limit, 422 for content the hub will not take (bundle type, data quality).
 * An NDJSON body sent with {@code Prefer: respond-async} is stored and answered {@code 202 Accepted} with the
 * {@code Content-Location} of its progress ({@link BatchController}), then ingested in parts
 * ({@link NdjsonBatchFormat}).
 */
@RestController
public class FhirIngestController {

    static final String POSITION = "X-Hub-Position";
    static final String MESSAGE_KEY = "X-Hub-Message-Key";
    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");
    private static final Set<String> BUNDLE_TYPES = Set.of("application/fhir+json", "application/json",
            "application/json+fhir");
    private static final Set<String> NDJSON_TYPES = Set.of("application/fhir+ndjson", "application/x-ndjson",
            "application/ndjson");
    private final IngestionService ingestion;
    private final IngestionProperties limits;
    private final FhirBundleParser bundles;
    private final FhirNdjsonParser ndjson;
    private final FhirReader reader;
    private final PatientRegistration registration;
    private final IdentityIndex identities;
    private final EventPositions positions;
    private final IngestBatches batches;
    private final BatchWorker worker;

    public FhirIngestController(IngestionService ingestion, IngestionProperties limits, FhirBundleParser bundles,
                                FhirNdjsonParser ndjson, FhirReader reader, PatientRegistration registration,
                                IdentityIndex identities, EventPositions positions, IngestBatches batches,
                                BatchWorker worker) {
        this.ingestion = ingestion;
        this.limits = limits;
        this.bundles = bundles;
        this.ndjson = ndjson;
        this.reader = reader;
        this.registration = registration;
        this.identities = identities;
        this.positions = positions;
        this.batches = batches;
        this.worker = worker;
    }

    @PostMapping("/fhir")
    public ResponseEntity<String> bundle(HttpServletRequest request) throws IOException {
        return ingest(request, MessageFormat.FHIR_BUNDLE, BUNDLE_TYPES);
    }

    @PostMapping("/ingest/fhir-ndjson")
    public ResponseEntity<String> ndjson(HttpServletRequest request) throws IOException {
        return ingest(request, MessageFormat.FHIR_NDJSON, NDJSON_TYPES);
    }

    /** type/subtype of a Content-Type header; empty when there is none or it cannot be read (then: 415). */
    static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        try {
            MediaType type = MediaType.parseMediaType(header);
            return type.getType() + "/" + type.getSubtype();
        } catch (InvalidMediaTypeException e) {
            return "";
        }
    }

    private ResponseEntity<String> ingest(HttpServletRequest request, MessageFormat format, Set<String> types)
            throws IOException {
        if (!types.contains(mediaType(request.getContentType()))) {
            return fhir(HttpStatus.UNSUPPORTED_MEDIA_TYPE, FhirResponses.error(IssueType.NOTSUPPORTED, null,
                    "Content-Type must be one of " + types), null);
        }
        String declared = request.getHeader(FhirSender.HEADER);
        if (!FhirSender.isValid(declared)) {
            return fhir(HttpStatus.BAD_REQUEST, FhirResponses.error(IssueType.INVALID, null,
                    FhirSender.HEADER + " must be a system name, OID or URI of at most 120 characters"), null);
        }
        long limit = limits.limitFor(format);
        BoundedBody body = BoundedBody.read(request.getInputStream(), request.getContentLengthLong(), limit);
        String peer = FhirSender.peer(declared, request.getRemoteAddr());
        if (format == MessageFormat.FHIR_NDJSON && !body.oversize() && BatchController.respondAsync(request)) {
            return queued(body.bytes(), peer, request);
        }
        InboundMessage message = new InboundMessage(format, "http", peer, body.bytes(), Instant.now());
        OutlineCapture.Captured<IngestOutcome> captured = OutlineCapture.around(() -> ingestion.ingest(message));
        IngestOutcome outcome = captured.result();
        if (!outcome.stored()) {
            HttpStatus status = FhirRefusals.status(outcome, body.oversize());
            return fhir(status, FhirResponses.refused(outcome, FhirRefusals.issueType(outcome, status)), null);
        }
        if (outcome.storedInParts()) {
            // received before as a background batch's parts: not parsed again, there is nothing new to outline
            return fhir(HttpStatus.OK, FhirResponses.receivedInParts(outcome), outcome);
        }
        EntryOutline outline = captured.outline() != null ? captured.outline() : reassemble(message);
        boolean duplicate = outcome.status() == IngestOutcome.Status.DUPLICATE;
        if (format == MessageFormat.FHIR_NDJSON || "collection".equals(outline.bundleType())) {
            return fhir(HttpStatus.OK, FhirResponses.stored(outcome, outline), outcome);
        }
        return fhir(HttpStatus.OK, FhirResponses.entryResponses(outline, duplicate, masterPatients(outline)), outcome);
    }

    /** Stored before the answer: from here on every line will be ingested or dead-lettered, whatever happens. */
    private ResponseEntity<String> queued(byte[] body, String peer, HttpServletRequest request) {
        IngestBatches.Job job = batches.submit(MessageFormat.FHIR_NDJSON, body, 0, peer,
                request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(), Instant.now());
        worker.wake();
        String status = BatchController.PATH + "/" + job.id();
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(FHIR_JSON)
                .header(HttpHeaders.CONTENT_LOCATION, status).header(HttpHeaders.RETRY_AFTER, "1")
                .header(BatchController.PREFERENCE_APPLIED, BatchController.RESPOND_ASYNC)
                .body(reader.context().newJsonParser().encodeResourceToString(FhirResponses.queued(status)));
    }

    /** Where each Patient entry's source record now belongs; read after the commit, so the link is there. */
    private Map<Integer, String> masterPatients(EntryOutline outline) {
        Map<Integer, String> locations = new HashMap<>();
        List<EntryOutline.Line> lines = outline.lines();
        for (int i = 0; i < lines.size(); i++) {
            SourceIdentity patient = lines.get(i).patient();
            if (patient != null) {
                int entry = i;
                identities.masterPatientOf(registration.sourceRecordId(patient.assigningAuthority(),
                        patient.localId())).ifPresent(master -> locations.put(entry, master.value()));
            }
        }
        return locations;
    }

    /** Only if the pipeline ever parses off the caller's thread: the outline is then rebuilt from the payload. */
    private EntryOutline reassemble(InboundMessage message) {
        try {
            return message.format() == MessageFormat.FHIR_BUNDLE ? bundles.assemble(message).outline()
                    : ndjson.assemble(message).outline();
        } catch (RejectedInput e) {
            throw new IllegalStateException("a stored message no longer parses", e);
        }
    }

    private ResponseEntity<String> fhir(HttpStatus status, IBaseResource body, IngestOutcome stored) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).contentType(FHIR_JSON);
        if (stored != null) {
            // the head of the log after the commit: at or past this message's events, for reading one's own writes
            response.header(POSITION, Long.toString(positions.head()));
            if (!stored.storedInParts()) { // such a body has no message key of its own
                response.header(MESSAGE_KEY, stored.messageKey());
            }
        }
        return response.body(reader.context().newJsonParser().encodeResourceToString(body));
    }
}
