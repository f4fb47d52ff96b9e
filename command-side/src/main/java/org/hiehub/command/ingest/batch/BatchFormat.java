package org.hiehub.command.ingest.batch;

import java.util.List;
import java.util.Optional;
import org.hiehub.api.ingestion.MessageFormat;

/** How a stored batch of one format is cut into the messages it is ingested as, in order. */
public interface BatchFormat {

    MessageFormat format();

    /**
     * The batch's messages. The same payload and peer must give the same parts, in the same order, every time: a
     * batch resumes after a restart at the first part without an outcome, and a resent batch must meet its own
     * parts again as duplicates.
     */
    List<BatchPart> parts(byte[] payload, String peer);

    /**
     * The body as the one message it is when sent without {@code Prefer: respond-async}, for a format whose body
     * sent so is one message (NDJSON); empty for one whose body is always cut the same way (an HL7 v2 batch file is
     * its messages either way). When {@link #parts} gives other messages than this one, the batch remembers the cut
     * (so the body sent alone later is a duplicate), unless the body was stored whole before: then the batch
     * ingests it as this one message, a duplicate.
     */
    default Optional<BatchPart> sentAlone(byte[] payload) {
        return Optional.empty();
    }

    /**
     * The body cut as before: part by part, the body's lines of {@code partLines} (as {@link BatchPart#lines}
     * gave them), for a format whose cut depends on more than the body (NDJSON: which references resolve, which
     * changes as patients arrive). Empty when the format has no such cut or the lines do not fit this body.
     */
    default Optional<List<BatchPart>> partsAsCut(byte[] payload, List<int[]> partLines) {
        return Optional.empty();
    }
}
