package org.hiehub.command.ingest.batch;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.IngestOutcome;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.RawMessageStore;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A body the format cannot cut (its reader fails on it) would fail the same way on every retry and, being the
 * oldest unfinished batch, hold up every batch after it: it goes through as the one message it is instead, for the
 * pipeline to store or keep as a dead letter, and the worker moves on.
 */
class BatchWorkerPlanTest {

    @Test
    void a_body_the_format_cannot_cut_is_ingested_as_one_message_and_the_batch_finishes() {
        byte[] body = "{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Observation\"}".getBytes(
                StandardCharsets.UTF_8);
        IngestBatches jobs = mock(IngestBatches.class);
        when(jobs.claim(anyString(), any())).thenReturn(Optional.of(new IngestBatches.Claimed("b-1",
                MessageFormat.FHIR_NDJSON, body, "batch", "127.0.0.1", Instant.now(), 0, 0)), Optional.empty());
        when(jobs.record(eq("b-1"), anyString(), any())).thenReturn(true);
        when(jobs.backlog()).thenReturn(new double[2]);
        IngestionService ingestion = mock(IngestionService.class);
        when(ingestion.ingest(any())).thenReturn(new IngestOutcome(IngestOutcome.Status.REJECTED, null, "dl-1",
                "the message could not be read (IllegalStateException)", null, 102, true, 0, null));
        BatchFormat failing = new BatchFormat() {
            @Override
            public MessageFormat format() {
                return MessageFormat.FHIR_NDJSON;
            }

            @Override
            public List<BatchPart> parts(byte[] payload, String peer) {
                throw new IllegalStateException("a reader's defect");
            }

            @Override
            public Optional<BatchPart> sentAlone(byte[] payload) {
                return Optional.of(new BatchPart(new String(payload, StandardCharsets.UTF_8), null, null));
            }
        };
        BatchWorker worker = new BatchWorker(jobs, List.of(failing), ingestion, mock(RawMessageStore.class),
                new TransactionTemplate(mock(PlatformTransactionManager.class)), properties(),
                new SimpleMeterRegistry());

        worker.start();
        try {
            verify(jobs, timeout(5_000)).finish(eq("b-1"), anyString());
            verify(jobs).plan(eq("b-1"), anyString(), eq(1));
            verify(ingestion).ingest(argThat(m -> java.util.Arrays.equals(m.payload(), body)));
        } finally {
            worker.stop();
        }
    }

    private static IngestionProperties properties() {
        return new IngestionProperties(4_194_304, 67_108_864L, 2_000,
                new IngestionProperties.Pacing(Duration.ZERO, Duration.ZERO, List.of()),
                new IngestionProperties.Batches(Duration.ofSeconds(30), Duration.ofMillis(50), Duration.ofMillis(50),
                        Duration.ofDays(30), 1_000));
    }
}
