package org.hiehub.command.ingest.batch;

import java.util.List;
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
}
