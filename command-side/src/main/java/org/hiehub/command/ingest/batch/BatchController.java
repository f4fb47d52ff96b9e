package org.hiehub.command.ingest.batch;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.hiehub.api.ingestion.MessageFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The progress and outcome of bodies sent with {@code Prefer: respond-async} (HL7 v2 batch files, FHIR NDJSON):
 * {@code GET /ingest/batches} (newest first), {@code GET /ingest/batches/{id}} (counts so far; {@code Retry-After}
 * while it runs) and {@code GET /ingest/batches/{id}/results?from=&limit=} (one entry per processed message, in the
 * batch's order, as the synchronous batch answer has them). {@code /ingest/hl7v2/batches} answers the same for
 * HL7 v2 batches only, as it did before NDJSON bodies had an asynchronous form.
 */
@RestController
public class BatchController {

    public static final String PATH = "/ingest/batches";
    public static final String HL7_PATH = "/ingest/hl7v2/batches";
    /** RFC 7240: the answer says which preference it honoured (a FHIR Bundle's is not: it is answered when stored). */
    public static final String PREFERENCE_APPLIED = "Preference-Applied";
    public static final String RESPOND_ASYNC = "respond-async";
    private static final int MAX_RESULTS = 5_000;
    private final IngestBatches batches;

    public BatchController(IngestBatches batches) {
        this.batches = batches;
    }

    /**
     * A batch's state as the API shows it: counts, {@code percent} processed, where its results are.
     * {@code messages} is 0 while an NDJSON body waits to be cut into its parts.
     */
    public record BatchStatus(String id, String format, String status, int messages, int processed, int accepted,
                              int duplicates, int rejected, int percent, String submittedBy, long sizeBytes,
                              String receivedAt, String startedAt, String finishedAt, String results) {

        public static BatchStatus of(IngestBatches.Job job) {
            int percent = job.done() ? 100 : job.messages() == 0 ? 0 : (int) (100L * job.processed() / job.messages());
            return new BatchStatus(job.id(), job.format(), job.status(), job.messages(), job.processed(),
                    job.accepted(), job.duplicates(), job.rejected(), percent, job.submittedBy(), job.sizeBytes(),
                    iso(job.receivedAt()), iso(job.startedAt()), iso(job.finishedAt()),
                    PATH + "/" + job.id() + "/results");
        }

        private static String iso(Instant at) {
            return at == null ? null : at.toString();
        }
    }

    /** One page of outcomes; {@code next} is the link to the following page, absent on the last. */
    public record ResultPage(String batch, int from, List<BatchResult> results, String next) {
    }

    @GetMapping(PATH)
    public List<BatchStatus> list(@RequestParam(defaultValue = "50") int limit) {
        return list(null, limit);
    }

    @GetMapping(HL7_PATH)
    public List<BatchStatus> listHl7(@RequestParam(defaultValue = "50") int limit) {
        return list(MessageFormat.HL7V2, limit);
    }

    private List<BatchStatus> list(MessageFormat format, int limit) {
        return batches.list(format, Math.max(1, Math.min(limit, 500))).stream().map(BatchStatus::of).toList();
    }

    @GetMapping({PATH + "/{id}", HL7_PATH + "/{id}"})
    public ResponseEntity<BatchStatus> status(@PathVariable String id) {
        IngestBatches.Job job = batches.find(id).orElseThrow(() -> new UnknownBatch(id));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!job.done()) {
            answer.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return answer.body(BatchStatus.of(job));
    }

    @GetMapping({PATH + "/{id}/results", HL7_PATH + "/{id}/results"})
    public ResultPage results(@PathVariable String id, @RequestParam(defaultValue = "0") int from,
                              @RequestParam(defaultValue = "1000") int limit) {
        IngestBatches.Job job = batches.find(id).orElseThrow(() -> new UnknownBatch(id));
        int start = Math.max(0, from);
        int size = Math.max(1, Math.min(limit, MAX_RESULTS));
        List<BatchResult> page = batches.results(id, start, size);
        int after = start + page.size();
        // while the batch runs, the next page is where its next outcomes will appear
        String next = after < job.messages() ? PATH + "/" + id + "/results?from=" + after + "&limit=" + size : null;
        return new ResultPage(id, start, page, next);
    }

    /** RFC 7240 {@code Prefer: respond-async}, as FHIR's asynchronous requests use it. */
    public static boolean respondAsync(HttpServletRequest request) {
        Enumeration<String> values = request.getHeaders("Prefer");
        while (values != null && values.hasMoreElements()) {
            for (String preference : values.nextElement().split(",")) {
                if (preference.strip().toLowerCase(Locale.ROOT).startsWith(RESPOND_ASYNC)) {
                    return true;
                }
            }
        }
        return false;
    }

    @ExceptionHandler(UnknownBatch.class)
    ProblemDetail unknown(UnknownBatch e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    static final class UnknownBatch extends RuntimeException {
        UnknownBatch(String id) {
            super("no batch " + id);
        }
    }
}
