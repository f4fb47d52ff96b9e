package org.hiehub.command.ingest;

import java.time.Duration;
import java.util.List;
import org.hiehub.api.ingestion.MessageFormat;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on inbound messages ({@code hub.ingest.*}).
 *
 * @param maxMessageBytes largest single HL7 v2 message (one ORU with hundreds of OBX is well under 1 MB)
 * @param maxBatchBytes largest batch file, FHIR bundle or NDJSON body (a Synthea patient bundle reaches ~30 MB)
 * @param maxBatchMessages most HL7 v2 messages in one batch over HTTP: each is a transaction of its own, answered in
 *                         one response, so a bigger batch would outlast any HTTP client's timeout while the hub went
 *                         on working through it
 * @param pacing when incoming messages are held back for the views (see {@link IngestionPacing})
 * @param batches how HL7 v2 batch files and NDJSON bodies sent with {@code Prefer: respond-async} are worked through
 */
@ConfigurationProperties("hub.ingest")
public record IngestionProperties(@DefaultValue("4194304") int maxMessageBytes,
                                  @DefaultValue("67108864") long maxBatchBytes,
                                  @DefaultValue("2000") int maxBatchMessages,
                                  @DefaultValue Pacing pacing,
                                  @DefaultValue Batches batches) {

    /**
     * @param viewLag a message waits while one of {@code views} in this process is further behind the log than this
     *                (since the log's head it has not handled yet was seen); {@code 0} turns pacing off
     * @param maxWait the longest one message waits; then it goes through whatever the views do, so a stalled
     *                projection slows intake but never stops it
     * @param views   the projections whose lag counts: by default the patient summary, the busiest view and the one
     *                read-your-writes waits for
     */
    public record Pacing(@DefaultValue("1s") Duration viewLag, @DefaultValue("2s") Duration maxWait,
                         @DefaultValue("patient-summary") List<String> views) {
    }

    /**
     * @param claimLapse a batch whose process has not reported progress for this long is taken over by another (or
     *                   by the same one restarted after a crash)
     * @param poll       how often an idle process looks for batches other processes stored
     * @param retry      how long a batch rests after its processing failed (database unreachable) before it is
     *                   tried again
     * @param keep       how long a finished batch's status and per-message outcomes stay readable; its messages
     *                   themselves are kept as every message is (raw store, dead letters, events)
     * @param ndjsonPartLines an NDJSON body is ingested in parts of whole patients of at least this many lines (one
     *                        transaction and one outcome each); a body of at most this many is one part
     */
    public record Batches(@DefaultValue("30s") Duration claimLapse, @DefaultValue("1s") Duration poll,
                          @DefaultValue("5s") Duration retry, @DefaultValue("30d") Duration keep,
                          @DefaultValue("1000") int ndjsonPartLines) {

        public Batches {
            if (ndjsonPartLines < 1) {
                throw new IllegalArgumentException("hub.ingest.batches.ndjson-part-lines must be at least 1");
            }
        }
    }

    public long limitFor(MessageFormat format) {
        return format == MessageFormat.HL7V2 ? maxMessageBytes : maxBatchBytes;
    }
}
