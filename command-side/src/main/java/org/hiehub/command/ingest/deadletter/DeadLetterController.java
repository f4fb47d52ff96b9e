package org.hiehub.command.ingest.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The integration engineer's dead-letter list: every refused message with its exact reason, its raw payload,
 * and re-processing — of the stored payload (after a parser or mapping fix) or of a corrected payload.
 */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private static final int MAX_PAGE = 500;
    private static final int SHOWN_BYTES = 1 << 20;
    private final DeadLetterStore store;
    private final IngestionService ingestion;

    public DeadLetterController(DeadLetterStore store, IngestionService ingestion) {
        this.store = store;
        this.ingestion = ingestion;
    }

    @GetMapping
    public Page list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "50") int limit,
                     @RequestParam(defaultValue = "0") int offset) {
        int size = Math.max(1, Math.min(limit, MAX_PAGE));
        return new Page(store.count(status), store.list(status, size, Math.max(0, offset)));
    }

    /**
     * The letter with its payload as text for reading: up to {@value #SHOWN_BYTES} bytes of it (a letter may keep a
     * bundle of 64 MiB); {@code payloadCut} says when there is more, all of it at {@code /payload}.
     */
    @GetMapping("/{id}")
    public Detail show(@PathVariable String id) {
        DeadLetter letter = store.find(id).orElseThrow(() -> new UnknownDeadLetter(id));
        DeadLetterStore.PayloadHead shown = store.payloadHead(id, SHOWN_BYTES)
                .orElse(new DeadLetterStore.PayloadHead(new byte[0], 0));
        return new Detail(letter, new String(shown.head(), StandardCharsets.UTF_8), shown.length() > SHOWN_BYTES);
    }

    /** The payload as kept, byte for byte (all of it, or the head of oversize input when {@code truncated}). */
    @GetMapping("/{id}/payload")
    public ResponseEntity<byte[]> payload(@PathVariable String id) {
        DeadLetter letter = store.find(id).orElseThrow(() -> new UnknownDeadLetter(id));
        byte[] payload = store.payload(id).orElse(new byte[0]);
        MediaType type = MessageFormat.FHIR_BUNDLE.name().equals(letter.format())
                ? MediaType.parseMediaType("application/fhir+json") : MediaType.TEXT_PLAIN;
        return ResponseEntity.ok().contentType(type).body(payload);
    }

    /**
     * Re-ingests the stored payload, or the corrected one in the request body (text). Stored: the letter is
     * REPROCESSED. Refused again: the attempt is a new OPEN letter and this one SUPERSEDED, naming it. A superseded
     * letter stands for its latest successor (the one still open), so an id once shown keeps working. Two
     * re-processings of one letter at once leave one letter open: the one whose attempt came second is superseded
     * by the first's. A letter kept truncated (its message was over the size limit) takes a corrected payload only.
     */
    @PostMapping("/{id}/reprocess")
    public ResponseEntity<IngestOutcome> reprocess(@PathVariable String id,
                                                   @RequestBody(required = false) String correctedPayload) {
        DeadLetter letter = latest(store.find(id).orElseThrow(() -> new UnknownDeadLetter(id)));
        String current = letter.id();
        boolean corrected = correctedPayload != null && !correctedPayload.isBlank();
        if (letter.truncated() && !corrected) {
            throw new TruncatedDeadLetter(current, letter.sizeBytes());
        }
        byte[] payload = corrected ? correctedPayload.getBytes(StandardCharsets.UTF_8)
                : store.payload(current).orElseThrow(() -> new UnknownDeadLetter(current));
        IngestOutcome outcome = ingestion.ingest(new InboundMessage(MessageFormat.valueOf(letter.format()),
                // the original peer carries the sender the source declared (e.g. X-Hub-Source): re-processing must
                // file the facts under the same source records as a first delivery would have
                "reprocess", letter.peer(), payload, Instant.now()));
        if (outcome.stored()) {
            store.resolve(current, outcome.messageKey());
            return ResponseEntity.ok(outcome);
        }
        if (outcome.deadLetterId() != null && !store.supersede(current, outcome.deadLetterId())) {
            // the failed attempt is parked with its own reason; two OPEN letters for one problem would leave one
            // behind, still open, once the other is fixed. Another re-processing got there first: this attempt is
            // superseded by the letter that carries the problem on, if one is still open
            DeadLetter now = latest(store.find(current).orElseThrow(() -> new UnknownDeadLetter(current)));
            if ("OPEN".equals(now.status()) && !now.id().equals(outcome.deadLetterId())) {
                store.supersede(outcome.deadLetterId(), now.id());
            }
        }
        return ResponseEntity.unprocessableEntity().body(outcome);
    }

    @ExceptionHandler(UnknownDeadLetter.class)
    ProblemDetail unknown(UnknownDeadLetter e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(TruncatedDeadLetter.class)
    ProblemDetail truncated(TruncatedDeadLetter e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** The letter a chain of failed re-processings ended at: the one still open for this problem. */
    private DeadLetter latest(DeadLetter letter) {
        DeadLetter latest = letter;
        for (int hops = 0; latest.supersededBy() != null && hops < 1_000; hops++) {
            Optional<DeadLetter> next = store.find(latest.supersededBy());
            if (next.isEmpty()) {
                break; // erased with its person
            }
            latest = next.get();
        }
        return latest;
    }

    public record Page(long total, List<DeadLetter> items) {
    }

    public record Detail(DeadLetter deadLetter, String payload, boolean payloadCut) {
    }

    static class TruncatedDeadLetter extends RuntimeException {
        TruncatedDeadLetter(String id, long size) {
            super("dead letter " + id + " keeps only the first " + DeadLetterStore.OVERSIZE_HEAD + " of its " + size
                    + " bytes (the message was over the size limit); send the corrected message in the request body");
        }
    }

    static class UnknownDeadLetter extends RuntimeException {
        UnknownDeadLetter(String id) {
            super("no dead letter with id " + id);
        }
    }
}
