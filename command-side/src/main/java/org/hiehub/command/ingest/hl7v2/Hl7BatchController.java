package org.hiehub.command.ingest.hl7v2;

import java.time.Instant;
import java.util.List;
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
 * The progress and outcome of HL7 v2 batches sent with {@code Prefer: respond-async}:
 * {@code GET /ingest/hl7v2/batches} (newest first), {@code GET /ingest/hl7v2/batches/{id}} (counts so far;
 * {@code Retry-After} while it runs) and {@code GET /ingest/hl7v2/batches/{id}/results?from=&limit=} (one entry per
 * processed message, in the batch's order, as the synchronous batch answer has them).
 */
@RestController
public class Hl7BatchController {

    static final String PATH = "/ingest/hl7v2/batches";
    private static final int MAX_RESULTS = 5_000;
    private final Hl7BatchJobs batches;

    public Hl7BatchController(Hl7BatchJobs batches) {
        this.batches = batches;
    }

    /** A batch's state as the API shows it: counts, {@code percent} processed, where its results are. */
    public record BatchStatus(String id, String status, int messages, int processed, int accepted, int duplicates,
                              int rejected, int percent, String submittedBy, long sizeBytes, String receivedAt,
                              String startedAt, String finishedAt, String results) {

        static BatchStatus of(Hl7BatchJobs.Job job) {
            int percent = job.messages() == 0 ? 100 : (int) (100L * job.processed() / job.messages());
            return new BatchStatus(job.id(), job.status(), job.messages(), job.processed(), job.accepted(),
                    job.duplicates(), job.rejected(), percent, job.submittedBy(), job.sizeBytes(),
                    iso(job.receivedAt()), iso(job.startedAt()), iso(job.finishedAt()),
                    PATH + "/" + job.id() + "/results");
        }

        private static String iso(Instant at) {
            return at == null ? null : at.toString();
        }
    }

    /** One page of outcomes; {@code next} is the link to the following page, absent on the last. */
    public record ResultPage(String batch, int from, List<Hl7HttpController.Result> results, String next) {
    }

    @GetMapping(PATH)
    public List<BatchStatus> list(@RequestParam(defaultValue = "50") int limit) {
        return batches.list(Math.max(1, Math.min(limit, 500))).stream().map(BatchStatus::of).toList();
    }

    @GetMapping(PATH + "/{id}")
    public ResponseEntity<BatchStatus> status(@PathVariable String id) {
        Hl7BatchJobs.Job job = batches.find(id).orElseThrow(() -> new UnknownBatch(id));
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
        if (!job.done()) {
            answer.header(HttpHeaders.RETRY_AFTER, "2");
        }
        return answer.body(BatchStatus.of(job));
    }

    @GetMapping(PATH + "/{id}/results")
    public ResultPage results(@PathVariable String id, @RequestParam(defaultValue = "0") int from,
                              @RequestParam(defaultValue = "1000") int limit) {
        Hl7BatchJobs.Job job = batches.find(id).orElseThrow(() -> new UnknownBatch(id));
        int start = Math.max(0, from);
        int size = Math.max(1, Math.min(limit, MAX_RESULTS));
        List<Hl7HttpController.Result> page = batches.results(id, start, size);
        int after = start + page.size();
        // while the batch runs, the next page is where its next outcomes will appear
        String next = after < job.messages() ? PATH + "/" + id + "/results?from=" + after + "&limit=" + size : null;
        return new ResultPage(id, start, page, next);
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
