package org.hiehub.command.ingest.batch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hiehub.api.ingestion.MessageFormat;
import org.hiehub.command.ingest.IngestionProperties;
import org.hiehub.command.ingest.IngestionService;
import org.hiehub.command.ingest.RawMessageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through the batches {@link IngestBatches} holds, one at a time and each in the order its messages were sent
 * (an admission before its discharge), on one thread of the command role. Each message (an HL7 v2 message, a part of
 * an NDJSON body; see {@link BatchFormat}) goes through the same pipeline as a message sent alone — paced, scored,
 * stored or dead-lettered — and its outcome is recorded before the next. When the store or the database fails, the
 * batch is put back and tried again after {@code retry}.
 */
@Component
public class BatchWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BatchWorker.class);
    private static final Duration TIDY_EVERY = Duration.ofMinutes(10);
    private final IngestBatches jobs;
    private final Map<MessageFormat, BatchFormat> formats = new EnumMap<>(MessageFormat.class);
    private final IngestionService ingestion;
    private final RawMessageStore rawMessages;
    private final TransactionTemplate transactions;
    private final IngestionProperties.Batches settings;
    private final String owner = "hub-" + UUID.randomUUID();
    private final Semaphore wake = new Semaphore(0);
    private Instant nextTidy = Instant.EPOCH;
    private volatile double[] backlog;
    private volatile long backlogReadAt;
    private volatile boolean running;
    private Thread thread;

    public BatchWorker(IngestBatches jobs, List<BatchFormat> formats, IngestionService ingestion,
                       RawMessageStore rawMessages, TransactionTemplate transactions, IngestionProperties properties,
                       MeterRegistry registry) {
        this.jobs = jobs;
        this.rawMessages = rawMessages;
        this.transactions = transactions;
        formats.forEach(format -> this.formats.put(format.format(), format));
        this.ingestion = ingestion;
        this.settings = properties.batches();
        Gauge.builder("hub.ingest.batches.unfinished", this, w -> w.backlog()[0])
                .description("batches (HL7 v2, NDJSON) queued or running (all processes)").register(registry);
        Gauge.builder("hub.ingest.batches.messages.waiting", this, w -> w.backlog()[1])
                .description("messages of unfinished batches without an outcome yet (of planned ones)")
                .register(registry);
    }

    /** Both backlog gauges from one query per scrape: the second within a second reuses the first's answer. */
    private double[] backlog() {
        long now = System.nanoTime();
        if (backlog == null || now - backlogReadAt > 1_000_000_000L) {
            backlog = jobs.backlog();
            backlogReadAt = now;
        }
        return backlog;
    }

    /** A batch was just stored: look now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "ingest-batches");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread worker;
        synchronized (this) {
            running = false;
            worker = thread;
        }
        if (worker != null) {
            wake.release(); // not an interrupt: a message being stored finishes, the loop stops before the next
            try {
                worker.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            jobs.release(owner);
        } catch (RuntimeException e) {
            log.warn("Could not release this process's batch claims; they lapse after {}", settings.claimLapse());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200; // after the pipeline is up, stopped before it (with the MLLP listener)
    }

    private void loop() {
        while (running) {
            try {
                Optional<IngestBatches.Claimed> claimed = jobs.claim(owner, settings.claimLapse());
                if (claimed.isPresent()) {
                    process(claimed.get());
                } else {
                    tidy();
                    wake.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Batch ingestion paused after a failure ({}); retrying in {}", e.getClass().getSimpleName(),
                        settings.retry(), e);
                try {
                    jobs.release(owner);
                } catch (RuntimeException ignored) {
                    // the claim lapses on its own
                }
                if (!sleep(settings.retry().toMillis())) {
                    return;
                }
            }
        }
    }

    /** When idle, at most every ten minutes: finished batches older than {@code keep} are forgotten. */
    private void tidy() {
        Instant now = Instant.now();
        if (now.isBefore(nextTidy)) {
            return;
        }
        nextTidy = now.plus(TIDY_EVERY);
        int forgotten = jobs.forgetFinishedBefore(now.minus(settings.keep()));
        if (forgotten > 0) {
            log.info("Forgot {} batches finished more than {} ago", forgotten, settings.keep());
        }
    }

    private void process(IngestBatches.Claimed batch) {
        BatchFormat format = formats.get(batch.format());
        if (format == null) {
            throw new IllegalStateException("no batch format " + batch.format() + " in this process");
        }
        List<BatchPart> parts = plan(batch, format);
        if (batch.nextIndex() == 0) {
            log.info("Batch {}: ingesting {} messages ({})", batch.id(), parts.size(), batch.format());
        } else {
            log.info("Batch {}: resuming at message {} of {}", batch.id(), batch.nextIndex() + 1, parts.size());
        }
        if (batch.messages() != parts.size() && batch.nextIndex() > 0) {
            // only an NDJSON body whose references resolve differently now (a patient sent meanwhile) re-plans
            log.warn("Batch {}: planned as {} messages, now {}; resuming at message {}", batch.id(),
                    batch.messages(), parts.size(), batch.nextIndex() + 1);
        }
        for (int index = batch.nextIndex(); index < parts.size(); index++) {
            if (!running) {
                return; // claim released on stop; the next start resumes here
            }
            // the same message, hash and receipt time on a retry after a crash: the pipeline sees a resend
            BatchResult result = BatchResult.ingest(ingestion, batch.format(), index, parts.get(index),
                    batch.channel(), batch.peer(), batch.receivedAt());
            if (!jobs.record(batch.id(), owner, result)) {
                log.warn("Batch {}: another process took it over at message {}", batch.id(), index + 1);
                return;
            }
        }
        jobs.finish(batch.id(), owner);
        log.info("Batch {}: done", batch.id());
    }

    /**
     * The messages the batch is ingested as, its count recorded. A body that is one message when sent alone (NDJSON)
     * and was cut before (by an earlier batch, or by this one before a restart) is cut the same way, without working
     * out a cut afresh: a remembered cut never changes, and a body once cut is never stored whole. Otherwise it is
     * decided under the lock the pipeline takes on a message's bytes: stored whole before, it is ingested as that
     * one message (a duplicate); else the cut is remembered before any part is stored, so the body sent alone later
     * is answered as received, and sent in the background again is cut alike, rather than recorded twice.
     */
    private List<BatchPart> plan(IngestBatches.Claimed batch, BatchFormat format) {
        Optional<BatchPart> alone = format.sentAlone(batch.payload());
        if (alone.isEmpty()) {
            return planned(batch, cut(batch, format).orElseGet(() -> List.of(whole(batch))));
        }
        String hash = IngestionService.contentHash(batch.payload());
        Optional<List<BatchPart>> asBefore = cutAsBefore(hash, batch, format);
        if (asBefore.isPresent()) {
            // its parts stored then meet themselves as duplicates; refused ones are tried again
            log.info("Batch {}: its body was cut before; cut the same way", batch.id());
            return planned(batch, asBefore.get());
        }
        Optional<List<BatchPart>> cut = cut(batch, format);
        if (cut.isEmpty()) {
            return planned(batch, List.of(alone.get()));
        }
        List<BatchPart> parts = cut.get();
        if (parts.size() == 1 && Arrays.equals(parts.get(0).bytes(), batch.payload())) {
            return planned(batch, parts);
        }
        return transactions.execute(status -> {
            rawMessages.lockContent(hash);
            if (rawMessages.holds(hash)) {
                log.info("Batch {}: its body was stored whole before; ingesting it as that one message",
                        batch.id());
                return planned(batch, List.of(alone.get()));
            }
            Optional<List<BatchPart>> meanwhile = cutAsBefore(hash, batch, format); // by another process
            if (meanwhile.isPresent()) {
                return planned(batch, meanwhile.get());
            }
            rawMessages.rememberCut(hash, batch.id(), parts.size(),
                    parts.stream().allMatch(part -> part.lines() != null)
                            ? parts.stream().map(BatchPart::lines).toList() : null);
            return planned(batch, parts);
        });
    }

    /**
     * The body cut afresh by its format; empty when the format's reading fails on it (not the database): that would
     * fail the same way on every retry and hold up every batch after it, so the body goes through as the one message
     * it is, and the pipeline keeps what it cannot read as a dead letter to reprocess once the reader is fixed.
     */
    private Optional<List<BatchPart>> cut(IngestBatches.Claimed batch, BatchFormat format) {
        try {
            return Optional.of(format.parts(batch.payload(), batch.peer()));
        } catch (DataAccessException | TransactionException e) {
            throw e; // the database: retried after a rest
        } catch (RuntimeException e) {
            log.warn("Batch {}: could not be cut into messages ({}); ingesting it as one message", batch.id(),
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The whole body as one message, for a format whose body is never one message of its own (HL7 v2 batches). */
    private static BatchPart whole(IngestBatches.Claimed batch) {
        return new BatchPart(new String(batch.payload(), StandardCharsets.UTF_8), null, null);
    }

    /** The body cut as the first batch to cut it did, if one did and kept its parts' lines. */
    private Optional<List<BatchPart>> cutAsBefore(String hash, IngestBatches.Claimed batch, BatchFormat format) {
        return rawMessages.cutBefore(hash).filter(cut -> cut.partLines() != null)
                .flatMap(cut -> format.partsAsCut(batch.payload(), cut.partLines()));
    }

    private List<BatchPart> planned(IngestBatches.Claimed batch, List<BatchPart> parts) {
        jobs.plan(batch.id(), owner, parts.size());
        return parts;
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
