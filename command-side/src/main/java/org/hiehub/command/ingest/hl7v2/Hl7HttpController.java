package org.hiehub.command.ingest.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
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
 * before any of its messages is processed.
 */
@RestController
public class Hl7HttpController {

    static final String ER7 = "x-application/hl7-v2+er7";
    private final IngestionService ingestion;
    private final AckBuilder acks;
    private final IngestionProperties limits;

    public Hl7HttpController(IngestionService ingestion, AckBuilder acks, IngestionProperties limits) {
        this.ingestion = ingestion;
        this.acks = acks;
        this.limits = limits;
    }

    @PostMapping(path = "/ingest/hl7v2", consumes = {MediaType.TEXT_PLAIN_VALUE, ER7, "application/hl7-v2",
            MediaType.APPLICATION_OCTET_STREAM_VALUE})
    public ResponseEntity<?> ingest(HttpServletRequest request) throws IOException {
        byte[] body = boundedBody(request);
        Hl7Batch.Split split = Hl7Batch.split(Hl7Text.decode(body));
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
        if (split.messages().size() > limits.maxBatchMessages()) {
            throw new BatchTooLarge(split.messages().size(), limits.maxBatchMessages());
        }
        List<Result> results = new ArrayList<>();
        for (String message : split.messages()) {
            IngestOutcome outcome = ingestion.ingest(new InboundMessage(MessageFormat.HL7V2, "batch", peer,
                    message.getBytes(StandardCharsets.UTF_8), received));
            results.add(Result.of(results.size(), MshHeader.of(message).map(MshHeader::controlId).orElse(null),
                    outcome));
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

    /**
     * What became of one message of a batch: {@code ack} AA, AE or AR; {@code status} ACCEPTED, DUPLICATE (stored
     * before; {@code facts} is then 0) or REJECTED (see {@code deadLetterId}).
     */
    public record Result(int index, String controlId, String ack, String status, Integer errorCode, String location,
                         String error, String messageKey, String deadLetterId, int facts) {
        static Result of(int index, String controlId, IngestOutcome outcome) {
            AcknowledgmentCode code = AckBuilder.code(outcome);
            return new Result(index, controlId, code.name(), outcome.status().name(),
                    outcome.stored() ? null : outcome.errorCode(),
                    outcome.location(), outcome.reason(), outcome.messageKey(), outcome.deadLetterId(),
                    outcome.factCount());
        }
    }

    public record BatchSummary(int messages, long accepted, long rejected, List<Result> results) {
        static BatchSummary of(List<Result> results) {
            long accepted = results.stream().filter(r -> "AA".equals(r.ack())).count();
            return new BatchSummary(results.size(), accepted, results.size() - accepted, results);
        }
    }

    /** Refused before any of its messages is processed: the sender splits it and sends the parts. */
    static final class BatchTooLarge extends RuntimeException {
        BatchTooLarge(int messages, int limit) {
            super("the batch holds " + messages + " messages, more than the limit of " + limit
                    + " (hub.ingest.max-batch-messages); none was processed: send it in parts");
        }
    }

    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long limit) {
            super("request body exceeds the limit of " + limit + " bytes (hub.ingest.max-batch-bytes)");
        }
    }
}
