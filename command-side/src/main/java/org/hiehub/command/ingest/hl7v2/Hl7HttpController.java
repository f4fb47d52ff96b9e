package org.hiehub.command.ingest.hl7v2;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.InboundMessage;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.batch.BatchController;
import org.hiehub.command.ingest.batch.BatchPart;
import org.hiehub.command.ingest.batch.BatchResult;
import org.hiehub.command.ingest.batch.BatchWorker;
import org.hiehub.command.ingest.batch.IngestBatches;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ingest/hl7v2}: one message, or a batch file. One message is answered with its ACK as ER7 text:
 * HTTP 200 for AA, 422 for AE and AR (the HTTP exchange worked, the message was not accepted; an HL7 client reads
 * the ACK, a plain HTTP client sees the failure). A batch is answered with a JSON summary, one entry per message,
 * HTTP 200 even when some were refused (each entry says what became of its message). The body is limited to
 * {@code hub.ingest.max-batch-bytes}: a declared larger body is refused (413) before it is read, an undeclared one
 * as soon as it passes the limit; a batch of more than {@code hub.ingest.max-batch-messages} is refused (413)
 * before any of its messages is processed. A batch sent with {@code Prefer: respond-async} (any size up to the
 * byte limit) is stored and answered 202 with {@code Content-Location} of its status ({@link BatchController});
 * its messages are then processed in the background ({@link BatchWorker}).
 */
@RestController
public class Hl7HttpController {

    static final String ER7 = "x-application/hl7-v2+er7";
    private final IngestionService ingestion;
    private final AckBuilder acks;
    private final IngestionProperties limits;
    private final IngestBatches batches;
    private final BatchWorker worker;

    public Hl7HttpController(IngestionService ingestion, AckBuilder acks, IngestionProperties limits,
                             IngestBatches batches, BatchWorker worker) {
        this.ingestion = ingestion;
        this.acks = acks;
        this.limits = limits;
        this.batches = batches;
        this.worker = worker;
    }

    @PostMapping(path = "/ingest/hl7v2", consumes = {MediaType.TEXT_PLAIN_VALUE, ER7, "application/hl7-v2",
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
        byte[] body = boundedBody(request);
        Hl7Batch.Split split = Hl7Batch.split(Hl7Text.decode(body));
        if (!split.incomplete().isEmpty()) {
            throw new IncompleteBatch(split.incomplete());
        }
        String peer = request.getRemoteAddr();
        Instant received = Instant.now();
        if (split.messages().size() <= 1 && !split.enveloped()) {
            String message = split.messages().isEmpty() ? "" : split.messages().get(0);
            IngestOutcome outcome = ingestion.ingest(new InboundMessage(MessageFormat.HL7V2, "http", peer,
                    message.getBytes(StandardCharsets.UTF_8), received));
            HttpStatus status = outcome.stored() ? HttpStatus.OK : HttpStatus.UNPROCESSABLE_ENTITY;
            return ResponseEntity.status(status).contentType(MediaType.parseMediaType(ER7 + ";charset=UTF-8"))
                    .body(acks.ackText(message, outcome));
        }
        if (BatchController.respondAsync(request)) {
            IngestBatches.Job queued = batches.submit(MessageFormat.HL7V2, body, split.messages().size(), peer,
                    request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(), received);
            worker.wake();
            // stored: from here on every message will be processed, whatever happens to this process
            return ResponseEntity.accepted()
                    .header(HttpHeaders.CONTENT_LOCATION, BatchController.HL7_PATH + "/" + queued.id())
                    .header(HttpHeaders.RETRY_AFTER, "1")
                    .header(BatchController.PREFERENCE_APPLIED, BatchController.RESPOND_ASYNC)
                    .body(BatchController.BatchStatus.of(queued));
        }
        if (split.messages().size() > limits.maxBatchMessages()) {
            throw new BatchTooLarge(split.messages().size(), limits.maxBatchMessages());
        }
        List<BatchResult> results = new ArrayList<>();
        for (BatchPart message : Hl7BatchFormat.parts(split)) {
            results.add(BatchResult.ingest(ingestion, MessageFormat.HL7V2, results.size(), message, "batch", peer,
                    received));
        }
        return ResponseEntity.ok(BatchSummary.of(results));
    }

    private byte[] boundedBody(HttpServletRequest request) throws IOException {
        long limit = limits.maxBatchBytes();
        if (request.getContentLengthLong() > limit) {
            throw new BodyTooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw new BodyTooLarge(limit);
            }
            return body;
        }
    }

    @ExceptionHandler({BodyTooLarge.class, BatchTooLarge.class})
    ProblemDetail tooLarge(RuntimeException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(IncompleteBatch.class)
    ProblemDetail incomplete(IncompleteBatch e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
        problem.setTitle("Incomplete batch");
        return problem;
    }

    public record BatchSummary(int messages, long accepted, long rejected, List<BatchResult> results) {
        static BatchSummary of(List<BatchResult> results) {
            long accepted = results.stream().filter(r -> "AA".equals(r.ack())).count();
            return new BatchSummary(results.size(), accepted, results.size() - accepted, results);
        }
    }

    /** Refused before any of its messages is processed: the sender splits it and sends the parts. */
    static final class BatchTooLarge extends RuntimeException {
        BatchTooLarge(int messages, int limit) {
            super("the batch holds " + messages + " messages, more than the limit of " + limit
                    + " (hub.ingest.max-batch-messages) answered in one response; none was processed: send it with"
                    + " 'Prefer: respond-async' to have it processed in the background, or in parts");
        }
    }

    /**
     * A batch whose trailers count more (or fewer) messages than arrived: cut short in transfer, or put together
     * wrongly. Refused whole before any message is processed, so that the sender sends it again complete rather
     * than the hub storing a part and answering as if that were all.
     */
    static final class IncompleteBatch extends RuntimeException {
        IncompleteBatch(List<String> counts) {
            super("the batch is incomplete: " + String.join("; ", counts) + "; none of its messages was processed: "
                    + "send the whole batch again");
        }
    }

    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long limit) {
            super("request body exceeds the limit of " + limit + " bytes (hub.ingest.max-batch-bytes)");
        }
    }
}
